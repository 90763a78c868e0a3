package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.job.sinks.IndexNames;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorRef;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes a savepoint of this build's job for the next release to restore (SavepointRestoreITCase):
 * the real job on a fresh Kafka, testkit's Elasticsearch and MiniCluster, stopped with a canonical
 * savepoint once its state holds an open HIGH alarm of sensor {@code savepoint-pi/t1}, that
 * sensor's dedupe window, an open minute, its config (HIGH at 30 °C) in broadcast state, and the
 * device {@code savepoint-pi} with its sensor watch and an open DEVICE_OFFLINE. Runs only when
 * asked:
 *
 * <pre>
 * ./mvnw -pl cloud-job -am test -Dtest=ReleaseSavepointWriter -Dheatwatch.savepoint.out=/abs/dir \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true -Denforcer.skip=true
 * </pre>
 *
 * <p>It writes {@code savepoint/} (the savepoint directory), {@code sent.tsv} (every record sent:
 * topic, partition, offset, key, value; the restore test sends the same bytes to a fresh Kafka so
 * the offsets in the savepoint's Kafka splits line up) and {@code alarms.tsv} (the alarms open at
 * the savepoint) into that directory.
 */
@EnabledIfSystemProperty(named = ReleaseSavepointWriter.OUT, matches = ".+")
@ExtendWith({ElasticsearchExtension.class, FlinkExtension.class})
class ReleaseSavepointWriter {
  static final String OUT = "heatwatch.savepoint.out";
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final String SITE = "home";
  static final String DEVICE = "savepoint-pi";
  static final String SENSOR = "t1";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);

  /**
   * The writer's settings. Processing-time state (dedupe forgetting, retirement) is timed from the
   * wall clock when the savepoint is written, and the savepoint is restored months later: with the
   * default 7 d the restored sensor would, correctly, be forgotten and retired at once. 36500 d
   * puts those timers past any day the restore test runs. The offline timeout is short so
   * DEVICE_OFFLINE opens within the run; the idleness short so an empty partition does not hold the
   * watermark back for 30 s.
   */
  static Map<String, String> settings(String kafka, String elasticsearch, String group) {
    return Map.of(
        JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka,
        JobOptions.KAFKA_GROUP_ID.key(), group,
        JobOptions.ELASTICSEARCH_HOSTS.key(), elasticsearch,
        JobOptions.CHECKPOINT_INTERVAL.key(), "1 s",
        JobOptions.PARALLELISM.key(), "2",
        JobOptions.DEDUPE_TTL.key(), "36500 d",
        JobOptions.RETIRE_AFTER.key(), "36500 d",
        JobOptions.OFFLINE_TIMEOUT.key(), "10 s",
        JobOptions.IDLENESS.key(), "1 s");
  }

  @Test
  void writesASavepointOfTodaysJob(
      ElasticsearchServer elasticsearch, FlinkCluster flink, @TempDir Path kafkaData)
      throws Exception {
    Path out = Path.of(System.getProperty(OUT));
    Files.createDirectories(out);
    try (KafkaServer kafka = KafkaServer.start(kafkaData, 0);
        KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      kafka.createTopics(2, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
      for (String topic : KafkaTopics.COMPACTED) {
        kafka.createCompactedTopic(topic, 2);
      }
      IndexTemplates.install(elasticsearch.httpUrl());
      ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
      JobConfig config =
          JobConfig.fromMap(
              settings(kafka.bootstrapServers(), elasticsearch.httpUrl(), "heatwatch-savepoint"));
      JobClient job = HeatwatchJob.start(flink.environment(2), config);
      List<String> sent = new ArrayList<>();

      // HIGH at 30 (the default is 35); rate and spike out of the way so HIGH is the sensor's alarm
      SensorConfig sensorConfig =
          SensorConfig.builder()
              .sensorId(SENSOR)
              .site(SITE)
              .deviceId(DEVICE)
              .name("savepoint sensor")
              .highC(30.0)
              .maxRateCPerMin(1000.0)
              .spikeZ(1000.0)
              .updatedAt(T0)
              .updatedBy("savepoint-writer")
              .build();
      send(
          producer,
          sent,
          KafkaTopics.SENSOR_CONFIG,
          new SensorRef(DEVICE, SENSOR).key(),
          TelemetryCodec.encode(sensorConfig));
      List<Reading> readings = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        readings.add(
            Reading.ok(SITE, DEVICE, SENSOR, i + 1, T0.plusSeconds(i * 10), 20.0 + 0.1 * (i % 3)));
      }
      for (Reading reading : readings) {
        send(producer, sent, KafkaTopics.READINGS, DEVICE, TelemetryCodec.encode(reading));
      }
      // The config must be in broadcast state before the 33 °C reading: the readings indexed show
      // the job has been reading for a while.
      await()
          .atMost(DEADLINE)
          .pollInterval(POLL)
          .ignoreExceptionsInstanceOf(IllegalStateException.class)
          .untilAsserted(
              () -> {
                for (Reading reading : readings) {
                  assertThat(es.get(IndexNames.readings(reading.ts()), reading.id())).isNotNull();
                }
              });
      Reading high = Reading.ok(SITE, DEVICE, SENSOR, 11, T0.plusSeconds(100), 33.0);
      send(producer, sent, KafkaTopics.READINGS, DEVICE, TelemetryCodec.encode(high));
      String highId = Alarm.idFor(DEVICE, SENSOR, AlarmKind.HIGH, high.ts());
      await()
          .atMost(DEADLINE)
          .pollInterval(POLL)
          .ignoreExceptionsInstanceOf(IllegalStateException.class)
          .untilAsserted(
              () -> {
                JsonNode alarm = es.get(IndexNames.ALARMS, highId);
                assertThat(alarm).as(highId).isNotNull();
                assertThat(alarm.at("/_source/state").asText()).isEqualTo("OPEN");
                assertThat(alarm.at("/_source/threshold").asDouble()).isEqualTo(30.0);
              });
      // the first minute closed (T0 .. T0+60 s: 6 readings), the second open
      String firstMinute = DEVICE + ":" + SENSOR + ":" + T0.toEpochMilli();
      await()
          .atMost(DEADLINE)
          .pollInterval(POLL)
          .ignoreExceptionsInstanceOf(IllegalStateException.class)
          .untilAsserted(
              () -> {
                JsonNode minute = es.get(IndexNames.metrics(T0), firstMinute);
                assertThat(minute).as(firstMinute).isNotNull();
                assertThat(minute.at("/_source/count").asLong()).isEqualTo(6);
              });
      JsonNode offline =
          await()
              .atMost(DEADLINE)
              .pollInterval(POLL)
              .ignoreExceptionsInstanceOf(IllegalStateException.class)
              .until(() -> openAlarm(es, AlarmKind.DEVICE_OFFLINE), hit -> hit != null);
      assertThat(
              es.get(
                  IndexNames.metrics(T0.plusSeconds(60)),
                  DEVICE + ":" + SENSOR + ":" + T0.plusSeconds(60).toEpochMilli()))
          .as("the second minute is still open")
          .isNull();

      String savepoint =
          flink
              .miniCluster()
              .stopWithSavepoint(
                  job.getJobID(), out.toUri().toString(), false, SavepointFormatType.CANONICAL)
              .get();
      await()
          .atMost(DEADLINE)
          .pollInterval(POLL)
          .ignoreExceptionsInstanceOf(IllegalStateException.class)
          .until(() -> job.getJobStatus().get() == JobStatus.FINISHED);
      Files.move(Path.of(java.net.URI.create(savepoint)), out.resolve("savepoint"));
      Files.write(out.resolve("sent.tsv"), sent, StandardCharsets.UTF_8);
      Files.write(
          out.resolve("alarms.tsv"),
          List.of("HIGH\t" + highId, "DEVICE_OFFLINE\t" + offline.path("alarmId").asText()),
          StandardCharsets.UTF_8);
    }
  }

  /** The open alarm of {@code kind} of the device, as its document's source, or null. */
  private static JsonNode openAlarm(ElasticsearchHttp es, AlarmKind kind) {
    JsonNode hits =
        es.search(
                IndexNames.ALARMS,
                "{\"size\":100,\"query\":{\"prefix\":{\"deviceId\":\"" + DEVICE + "\"}}}")
            .at("/hits/hits");
    for (JsonNode hit : hits) {
      JsonNode alarm = hit.path("_source");
      if (alarm.path("kind").asText().equals(kind.name())
          && alarm.path("state").asText().equals("OPEN")) {
        return alarm;
      }
    }
    return null;
  }

  static KafkaProducer<byte[], byte[]> producer(KafkaServer kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** Sends one record and waits for Kafka's acknowledgement: where it landed. */
  static RecordMetadata send(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    return producer
        .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
        .get();
  }

  /** Sends one record and waits for its offset, which {@code sent} gets as one line. */
  private static void send(
      KafkaProducer<byte[], byte[]> producer,
      List<String> sent,
      String topic,
      String key,
      byte[] value)
      throws Exception {
    RecordMetadata at = send(producer, topic, key, value);
    sent.add(
        String.join(
            "\t",
            topic,
            Integer.toString(at.partition()),
            Long.toString(at.offset()),
            key,
            new String(value, StandardCharsets.UTF_8)));
  }
}
