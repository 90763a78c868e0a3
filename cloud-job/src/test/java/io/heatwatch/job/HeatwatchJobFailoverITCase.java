package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The production job loses a TaskManager mid-stream: it restores from its last checkpoint, and in
 * the end every reading is indexed once and every alarm has one document with its final version;
 * with EXACTLY_ONCE alarms the committed alarm events also hold no (alarmId, version) twice (with
 * AT_LEAST_ONCE they may, by design: consumers drop them by version).
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class})
class HeatwatchJobFailoverITCase {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int DEVICES = 4;
  private static final long HIGH_AT_SECONDS = 100;

  /** Production's RocksDB with one guarantee, the heap backend with the other. */
  @ParameterizedTest(name = "alarms {0}, state {1}")
  @CsvSource({"exactly-once, rocksdb", "at-least-once, hashmap"})
  void restoresFromTheCheckpointAfterATaskManagerFailure(
      String guarantee, String stateBackend, KafkaServer kafka, ElasticsearchServer elasticsearch)
      throws Exception {
    kafka.createTopics(2, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
    for (String topic : KafkaTopics.COMPACTED) {
      kafka.createCompactedTopic(topic, 2);
    }
    IndexTemplates.install(elasticsearch.httpUrl());
    ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
    // One slot per TaskManager: a job of parallelism 2 runs on both, so losing one fails it.
    try (FlinkCluster flink = FlinkCluster.start(0, 2, 1);
        RunningJobFixture data = new RunningJobFixture(kafka, es);
        KafkaConsumer<byte[], byte[]> alarmsTopic = data.committedAlarmsConsumer()) {
      JobConfig config =
          JobConfig.fromMap(
              Map.of(
                  JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(),
                  kafka.bootstrapServers(),
                  JobOptions.KAFKA_GROUP_ID.key(),
                  "heatwatch-failover-" + data.run,
                  JobOptions.ELASTICSEARCH_HOSTS.key(),
                  elasticsearch.httpUrl(),
                  JobOptions.CHECKPOINT_INTERVAL.key(),
                  "500 ms",
                  JobOptions.ALARMS_GUARANTEE.key(),
                  guarantee,
                  JobOptions.TRANSACTIONAL_ID_PREFIX.key(),
                  "heatwatch-failover-" + data.run,
                  JobOptions.RESTART_DELAY.key(),
                  "200 ms",
                  JobOptions.PARALLELISM.key(),
                  "2",
                  JobOptions.STATE_BACKEND.key(),
                  stateBackend));
      JobClient job = HeatwatchJob.start(flink.environment(2), config);
      MiniCluster cluster = flink.miniCluster();
      try {
        // Before the failure: a steady 20 °C, then every device's sensor goes HIGH.
        for (int d = 0; d < DEVICES; d++) {
          for (int i = 0; i < 10; i++) {
            data.send(data.device(d), i + 1, i * 10, 20.0 + 0.1 * (i % 3));
          }
          data.send(data.device(d), 11, HIGH_AT_SECONDS, 40.0);
        }
        data.flush();
        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .untilAsserted(() -> assertThat(openHighAlarms(data)).hasSize(DEVICES));
        awaitCheckpointsAfterNow(cluster, job.getJobID());

        // Readings the last checkpoint has not seen, then the failure while they are processed.
        for (int d = 0; d < DEVICES; d++) {
          for (int i = 12; i <= 16; i++) {
            data.send(data.device(d), i, i * 10, 39.0);
          }
        }
        data.flush();
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();

        // After it: back to normal, which clears the alarms, and a reading sent twice.
        for (int d = 0; d < DEVICES; d++) {
          for (int i = 17; i <= 25; i++) {
            data.send(data.device(d), i, i * 10, 20.0);
          }
        }
        data.resend(data.unique().get(4));
        data.flush();

        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .untilAsserted(
                () ->
                    assertThat(
                            RunningJobFixture.checkpoints(cluster, job.getJobID())
                                .getLatestRestoredCheckpoint())
                        .as("restored checkpoint")
                        .isNotNull());
        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .untilAsserted(data::assertEveryReadingIndexedOnce);
        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .untilAsserted(() -> assertHighAlarmsClearedOnce(data));
        List<Alarm> events = new ArrayList<>();
        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .untilAsserted(
                () -> {
                  data.pollAlarms(alarmsTopic, events);
                  assertDocumentsMatchCommittedEvents(data.alarmDocuments(), events);
                });
        if (guarantee.equals("exactly-once")) {
          assertThat(events)
              .extracting(alarm -> alarm.alarmId() + "@" + alarm.version())
              .as("committed alarm events")
              .doesNotHaveDuplicates();
        }
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      } finally {
        job.cancel().get();
      }
    }
  }

  /** Waits until two checkpoints triggered after this call have completed. */
  private static void awaitCheckpointsAfterNow(MiniCluster cluster, JobID job) throws Exception {
    long completed =
        RunningJobFixture.checkpoints(cluster, job).getCounts().getNumberOfCompletedCheckpoints();
    await()
        .atMost(DEADLINE)
        .pollInterval(POLL)
        .until(
            () ->
                RunningJobFixture.checkpoints(cluster, job)
                        .getCounts()
                        .getNumberOfCompletedCheckpoints()
                    >= completed + 2);
  }

  private static List<JsonNode> openHighAlarms(RunningJobFixture data) {
    return data.alarmDocuments().values().stream()
        .filter(alarm -> alarm.path("kind").asText().equals("HIGH"))
        .filter(alarm -> alarm.path("state").asText().equals("OPEN"))
        .toList();
  }

  /** One HIGH alarm per device, the one opened before the failure, cleared after it. */
  private static void assertHighAlarmsClearedOnce(RunningJobFixture data) {
    Map<String, JsonNode> high =
        data.alarmDocuments().entrySet().stream()
            .filter(alarm -> alarm.getValue().path("kind").asText().equals("HIGH"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    List<String> expected = new ArrayList<>();
    for (int d = 0; d < DEVICES; d++) {
      expected.add(
          Alarm.idFor(data.device(d), "t1", AlarmKind.HIGH, data.t0.plusSeconds(HIGH_AT_SECONDS)));
    }
    assertThat(high.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(high.values())
        .allSatisfy(
            alarm -> {
              assertThat(alarm.path("state").asText()).isEqualTo("CLEARED");
              assertThat(alarm.path("version").asLong()).isEqualTo(2);
            });
  }

  /**
   * Every alarm the job emitted (HIGH and whatever else the data implies) has one document, with
   * the highest version committed to Kafka, and its versions there run 1, 2, … without a gap.
   */
  private static void assertDocumentsMatchCommittedEvents(
      Map<String, JsonNode> documents, List<Alarm> events) {
    Map<String, List<Long>> versions = new HashMap<>();
    events.forEach(
        alarm ->
            versions
                .computeIfAbsent(alarm.alarmId(), id -> new ArrayList<>())
                .add(alarm.version()));
    assertThat(documents.keySet()).containsExactlyInAnyOrderElementsOf(versions.keySet());
    documents.forEach(
        (id, alarm) -> {
          List<Long> sorted = versions.get(id).stream().sorted().distinct().toList();
          assertThat(alarm.path("version").asLong())
              .as(id)
              .isEqualTo(sorted.get(sorted.size() - 1));
          assertThat(sorted.get(sorted.size() - 1)).as(id).isEqualTo(sorted.size());
        });
  }
}
