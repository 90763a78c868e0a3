package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.job.sinks.IndexNames;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Versions;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production job between a real Kafka and Elasticsearch, in wall-clock time: a sensor that
 * stops while its device's other sensor reports gets SENSOR_SILENT, cleared when it reports again;
 * an operator's RESOLVE on the commands topic clears the next one; the canary reaches its own index
 * and is no device.
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class, FlinkExtension.class})
class SensorSilentITCase {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final Duration POLL = Duration.ofMillis(500);

  private final String device = "silent-" + UUID.randomUUID().toString().substring(0, 8);
  private long seq;

  @Test
  void aSilentSensorIsAlarmedClearedAndResolvedAndTheCanaryIsNoDevice(
      KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink) throws Exception {
    kafka.createTopics(2, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
    for (String topic : KafkaTopics.COMPACTED) {
      kafka.createCompactedTopic(topic, 2);
    }
    IndexTemplates.install(elasticsearch.httpUrl());
    ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
    JobConfig config =
        JobConfig.fromMap(
            Map.of(
                JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                JobOptions.KAFKA_GROUP_ID.key(), "heatwatch-" + device,
                JobOptions.ELASTICSEARCH_HOSTS.key(), elasticsearch.httpUrl(),
                JobOptions.OUT_OF_ORDERNESS.key(), "1 s",
                JobOptions.IDLENESS.key(), "1 s",
                JobOptions.CHECKPOINT_INTERVAL.key(), "2 s",
                JobOptions.SILENT_MIN.key(), "3 s",
                JobOptions.PARALLELISM.key(), "1"));
    JobClient job = HeatwatchJob.start(flink.environment(1), config);
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      // both sensors report until the job has seen them, then t1 stops and t2 goes on
      eventually()
          .untilAsserted(
              () -> {
                send(producer, "t1");
                send(producer, "t2");
                assertThat(es.get(IndexNames.DEVICES, device)).isNotNull();
              });
      JsonNode first = awaitSilent(es, producer, null);
      assertThat(first.path("message").asText()).startsWith("t1: no good reading for ");

      send(producer, "t1");
      eventually()
          .untilAsserted(
              () ->
                  assertThat(alarm(es, first.path("alarmId").asText()).path("state").asText())
                      .isEqualTo("CLEARED"));

      JsonNode second = awaitSilent(es, producer, first.path("alarmId").asText());
      String secondId = second.path("alarmId").asText();
      AlarmCommand resolve =
          new AlarmCommand(
              Versions.V1,
              secondId,
              AlarmCommand.Action.RESOLVE,
              "it",
              "probe removed",
              Instant.now());
      producer.send(
          new ProducerRecord<>(
              KafkaTopics.ALARM_COMMANDS,
              secondId.getBytes(StandardCharsets.UTF_8),
              TelemetryCodec.encode(resolve)));
      eventually()
          .untilAsserted(
              () -> {
                send(producer, "t2");
                JsonNode resolved = alarm(es, secondId);
                assertThat(resolved.path("state").asText()).isEqualTo("CLEARED");
                assertThat(resolved.path("message").asText())
                    .isEqualTo("resolved by it: probe removed");
              });

      Reading canary =
          Reading.ok(
              Pipeline.SITE,
              Pipeline.CANARY_DEVICE_ID,
              Pipeline.CANARY_SENSOR_ID,
              System.currentTimeMillis(),
              Instant.now(),
              20.0);
      producer.send(record(canary));
      eventually()
          .untilAsserted(() -> assertThat(es.get(IndexNames.CANARY, canary.id())).isNotNull());
      assertThat(es.get(IndexNames.DEVICES, Pipeline.CANARY_DEVICE_ID)).isNull();
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get();
    }
  }

  /** Sends t2 until t1 has an open SENSOR_SILENT alarm other than {@code previousId}. */
  private JsonNode awaitSilent(
      ElasticsearchHttp es, KafkaProducer<byte[], byte[]> producer, String previousId) {
    JsonNode[] found = new JsonNode[1];
    eventually()
        .untilAsserted(
            () -> {
              send(producer, "t2");
              es.refresh(IndexNames.ALARMS);
              JsonNode hits =
                  es.search(
                          IndexNames.ALARMS,
                          "{\"query\":{\"bool\":{\"filter\":["
                              + "{\"term\":{\"deviceId\":\""
                              + device
                              + "\"}},{\"term\":{\"kind\":\"SENSOR_SILENT\"}},"
                              + "{\"term\":{\"state\":\"OPEN\"}}]}}}")
                      .at("/hits/hits");
              assertThat(hits.size()).isEqualTo(1);
              JsonNode alarm = hits.get(0).path("_source");
              assertThat(alarm.path("sensorId").asText()).isEqualTo("t1");
              assertThat(alarm.path("alarmId").asText()).isNotEqualTo(previousId);
              found[0] = alarm;
            });
    return found[0];
  }

  /**
   * Polls until the assertions hold; an index the job has just created answers 503 while its shard
   * recovers, which is retried like a failed assertion.
   */
  private static ConditionFactory eventually() {
    return await()
        .atMost(DEADLINE)
        .pollInterval(POLL)
        .ignoreExceptionsInstanceOf(IllegalStateException.class);
  }

  private static JsonNode alarm(ElasticsearchHttp es, String alarmId) {
    es.refresh(IndexNames.ALARMS);
    JsonNode alarm = es.get(IndexNames.ALARMS, alarmId);
    assertThat(alarm).isNotNull();
    return alarm.path("_source");
  }

  private void send(KafkaProducer<byte[], byte[]> producer, String sensorId) {
    producer.send(record(Reading.ok("home", device, sensorId, ++seq, Instant.now(), 20.0)));
    producer.flush();
  }

  private static ProducerRecord<byte[], byte[]> record(Reading reading) {
    return new ProducerRecord<>(
        KafkaTopics.READINGS,
        reading.deviceId().getBytes(StandardCharsets.UTF_8),
        TelemetryCodec.encode(reading));
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaServer kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
