package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.job.sinks.IndexNames;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the recovery ITCases share: readings of this run's devices produced to Kafka, and the
 * readings and alarms of those devices read back from Elasticsearch and the alarms topic.
 */
final class RunningJobFixture implements AutoCloseable {
  // Whole minutes in the past, so every reading is in event time well before the wall clock.
  final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);
  final String run = UUID.randomUUID().toString().substring(0, 8);
  private final KafkaServer kafka;
  private final ElasticsearchHttp es;
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<Reading> unique = new ArrayList<>();

  RunningJobFixture(KafkaServer kafka, ElasticsearchHttp es) {
    this.kafka = kafka;
    this.es = es;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  String device(int i) {
    return "rec-" + run + "-" + i;
  }

  /** Sends an OK reading of sensor {@code t1} and remembers it as one that must be indexed. */
  Reading send(String device, long seq, long seconds, double tempC) {
    Reading reading = Reading.ok("home", device, "t1", seq, t0.plusSeconds(seconds), tempC);
    unique.add(reading);
    resend(reading);
    return reading;
  }

  /** Sends {@code reading} again, as a device does after a lost acknowledgement. */
  void resend(Reading reading) {
    producer.send(
        new ProducerRecord<>(
            KafkaTopics.READINGS,
            reading.deviceId().getBytes(StandardCharsets.UTF_8),
            TelemetryCodec.encode(reading)));
  }

  void flush() {
    producer.flush();
  }

  List<Reading> unique() {
    return unique;
  }

  /** Every reading sent is indexed, and nothing else of this run's devices. */
  void assertEveryReadingIndexedOnce() {
    JsonNode count =
        es.search(
            IndexNames.READINGS_PREFIX + "*",
            "{\"size\":0,\"track_total_hits\":true,\"query\":{\"prefix\":{\"deviceId\":\"rec-"
                + run
                + "-\"}}}");
    assertThat(count.at("/hits/total/value").asLong()).isEqualTo(unique.size());
    for (Reading reading : unique) {
      assertThat(es.get(IndexNames.readings(reading.ts()), reading.id()))
          .as(reading.id())
          .isNotNull();
    }
  }

  /** This run's alarm documents by {@code _id}. */
  Map<String, JsonNode> alarmDocuments() {
    JsonNode hits =
        es.search(
                IndexNames.ALARMS,
                "{\"size\":1000,\"query\":{\"prefix\":{\"deviceId\":\"rec-" + run + "-\"}}}")
            .at("/hits/hits");
    Map<String, JsonNode> byId = new HashMap<>();
    hits.forEach(hit -> byId.put(hit.path("_id").asText(), hit.path("_source")));
    assertThat(byId).hasSize(hits.size());
    return byId;
  }

  /** A consumer of the alarms topic from its start that sees committed transactions only. */
  KafkaConsumer<byte[], byte[]> committedAlarmsConsumer() {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-alarms-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(KafkaTopics.ALARMS));
    return consumer;
  }

  /** Polls {@code consumer} once and adds this run's alarm events to {@code events}. */
  void pollAlarms(KafkaConsumer<byte[], byte[]> consumer, List<Alarm> events) {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      Alarm alarm = TelemetryCodec.decodeAlarm(record.value());
      if (alarm.deviceId().startsWith("rec-" + run + "-")) {
        events.add(alarm);
      }
    }
  }

  /** The job's checkpoint statistics as its JobManager sees them now. */
  static CheckpointStatsSnapshot checkpoints(MiniCluster cluster, JobID job) throws Exception {
    return cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot();
  }

  @Override
  public void close() {
    producer.close();
  }
}
