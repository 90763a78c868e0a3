package io.heatwatch.job;

import static io.heatwatch.job.ReleaseSavepointWriter.DEVICE;
import static io.heatwatch.job.ReleaseSavepointWriter.SENSOR;
import static io.heatwatch.job.ReleaseSavepointWriter.T0;
import static io.heatwatch.job.ReleaseSavepointWriter.producer;
import static io.heatwatch.job.ReleaseSavepointWriter.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.job.sinks.IndexNames;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * This build restores the savepoint that the job of release 3942b78 wrote ({@code
 * savepoints/3942b78/README.md}: what it holds and how it was made) and carries on where that job
 * stopped: the open HIGH alarm clears with the same alarmId and version 2, a copy of a reading sent
 * before is a duplicate, the open minute counts the readings from before and after, the sensor's
 * config (HIGH at 30 °C) still applies, and the device's open DEVICE_OFFLINE clears when it
 * reports.
 *
 * <p>The savepoint's Kafka splits hold topic partitions and offsets of the writer's Kafka. This
 * test starts a fresh Kafka and first sends the writer's records again, byte for byte with the same
 * keys ({@code sent.tsv}), checking that each lands at the partition and offset it had: the job
 * then resumes after them, as it would on the Kafka it stopped on.
 */
@ExtendWith({ElasticsearchExtension.class, FlinkExtension.class})
class SavepointRestoreITCase {
  private static final String RELEASE = "/savepoints/3942b78/";
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(250);

  @Test
  void theSavepointOf3942b78RestoresAndTheJobCarriesOn(
      ElasticsearchServer elasticsearch,
      FlinkCluster flink,
      @TempDir Path kafkaData,
      @TempDir Path savepoint)
      throws Exception {
    copy(resource(RELEASE + "savepoint"), savepoint);
    Map<String, String> opened = alarmsOpenAtTheSavepoint();
    try (KafkaServer kafka = KafkaServer.start(kafkaData, 0);
        KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      kafka.createTopics(2, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
      for (String topic : KafkaTopics.COMPACTED) {
        kafka.createCompactedTopic(topic, 2);
      }
      IndexTemplates.install(elasticsearch.httpUrl());
      ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
      sendWhatTheWriterSent(producer);

      JobConfig config =
          JobConfig.fromMap(
              ReleaseSavepointWriter.settings(
                  kafka.bootstrapServers(),
                  elasticsearch.httpUrl(),
                  "heatwatch-savepoint-restore"));
      JobClient job = startFrom(flink.environment(2), config, savepoint.toString());
      try {
        Reading copy = reading(11, 100, 33.0);
        Reading normal = reading(12, 110, 20.0);
        Reading hot = reading(13, 140, 33.0);
        for (Reading reading : List.of(copy, normal, hot)) {
          send(producer, KafkaTopics.READINGS, DEVICE, TelemetryCodec.encode(reading));
        }

        RestoredCheckpointStats restored =
            await()
                .atMost(DEADLINE)
                .pollInterval(POLL)
                .until(
                    () ->
                        RunningJobFixture.checkpoints(flink.miniCluster(), job.getJobID())
                            .getLatestRestoredCheckpoint(),
                    Objects::nonNull);
        assertThat(restored.getProperties().isSavepoint()).isTrue();

        String high = opened.get("HIGH");
        assertThat(high).isEqualTo(Alarm.idFor(DEVICE, SENSOR, AlarmKind.HIGH, copy.ts()));
        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .ignoreExceptionsInstanceOf(IllegalStateException.class)
            .untilAsserted(
                () -> {
                  assertThat(alarm(es, high))
                      .as(() -> high + "; the job's last failure: " + lastFailure(flink, job))
                      .isNotNull();
                  assertThat(alarm(es, high).path("state").asText()).isEqualTo("CLEARED");
                  assertThat(alarm(es, high).path("version").asLong()).isEqualTo(2);
                  String offline = opened.get("DEVICE_OFFLINE");
                  assertThat(alarm(es, offline)).as(offline).isNotNull();
                  assertThat(alarm(es, offline).path("state").asText()).isEqualTo("CLEARED");
                  assertThat(alarm(es, offline).path("version").asLong()).isEqualTo(2);
                });
        // HIGH at 33 °C: the config's 30 °C, not the job's default 35, still applies
        String again = Alarm.idFor(DEVICE, SENSOR, AlarmKind.HIGH, hot.ts());
        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .ignoreExceptionsInstanceOf(IllegalStateException.class)
            .untilAsserted(
                () -> {
                  assertThat(alarm(es, again)).as(again).isNotNull();
                  assertThat(alarm(es, again).path("state").asText()).isEqualTo("OPEN");
                  assertThat(alarm(es, again).path("threshold").asDouble()).isEqualTo(30.0);
                });
        // The minute from T0 + 60 s: 5 readings before the savepoint (60..100 s), 1 after (110 s)
        Instant minute = T0.plusSeconds(60);
        String minuteId = DEVICE + ":" + SENSOR + ":" + minute.toEpochMilli();
        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .ignoreExceptionsInstanceOf(IllegalStateException.class)
            .untilAsserted(
                () -> {
                  JsonNode metrics = es.get(IndexNames.metrics(minute), minuteId);
                  assertThat(metrics).as(minuteId).isNotNull();
                  assertThat(metrics.at("/_source/count").asLong()).isEqualTo(6);
                  assertThat(metrics.at("/_source/max").asDouble()).isEqualTo(33.0);
                  assertThat(metrics.at("/_source/min").asDouble()).isEqualTo(20.0);
                });
        // The copy, read before both of these, never reached the readings sink.
        for (Reading reading : List.of(normal, hot)) {
          assertThat(es.get(IndexNames.readings(reading.ts()), reading.id()))
              .as(reading.id())
              .isNotNull();
        }
        assertThat(es.get(IndexNames.readings(copy.ts()), copy.id())).as(copy.id()).isNull();
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      } finally {
        job.cancel().get();
      }
    }
  }

  /** Sends every record of {@code sent.tsv} again and checks it lands where it did then. */
  private static void sendWhatTheWriterSent(KafkaProducer<byte[], byte[]> producer)
      throws Exception {
    List<String> lines = Files.readAllLines(resource(RELEASE + "sent.tsv"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(12);
    for (String line : lines) {
      String[] field = line.split("\t", 5);
      RecordMetadata at =
          send(producer, field[0], field[3], field[4].getBytes(StandardCharsets.UTF_8));
      assertThat(at.partition() + "/" + at.offset()).as(line).isEqualTo(field[1] + "/" + field[2]);
    }
  }

  /** {@code alarms.tsv}: the alarmId of each alarm open at the savepoint, by kind. */
  private static Map<String, String> alarmsOpenAtTheSavepoint() throws Exception {
    Map<String, String> byKind = new HashMap<>();
    for (String line :
        Files.readAllLines(resource(RELEASE + "alarms.tsv"), StandardCharsets.UTF_8)) {
      String[] field = line.split("\t");
      byKind.put(field[0], field[1]);
    }
    return byKind;
  }

  private static Reading reading(long seq, long seconds, double tempC) {
    return Reading.ok("home", DEVICE, SENSOR, seq, T0.plusSeconds(seconds), tempC);
  }

  /** A job that cannot restore its state restarts without end: this names why. */
  private static String lastFailure(FlinkCluster flink, JobClient job) {
    try {
      var failure = flink.miniCluster().getExecutionGraph(job.getJobID()).get().getFailureInfo();
      return failure == null ? "none" : failure.getExceptionAsString();
    } catch (Exception e) {
      return "unknown (" + e + ")";
    }
  }

  private static JsonNode alarm(ElasticsearchHttp es, String alarmId) {
    JsonNode doc = es.get(IndexNames.ALARMS, alarmId);
    return doc == null ? null : doc.path("_source");
  }

  /** A fresh build of the job (same uids) that starts from {@code savepoint}. */
  private static JobClient startFrom(
      StreamExecutionEnvironment env, JobConfig config, String savepoint) throws Exception {
    HeatwatchJob.build(env, config, Sources.kafka(config), Sinks.production(config));
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(config.jobName());
    graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
    return env.executeAsync(graph);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(SavepointRestoreITCase.class.getResource(name), name).toURI());
  }

  /** The savepoint is read from a copy: Flink must not touch the committed files. */
  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }
}
