package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.job.sinks.IndexNames;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running job is stopped with a savepoint and a new build of it started from that savepoint: the
 * alarm opened before is cleared after with the same alarmId and the next version, and a reading
 * sent again is still recognised as a duplicate.
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class, FlinkExtension.class})
class HeatwatchJobSavepointITCase {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final long HIGH_AT_SECONDS = 100;

  @Test
  void carriesAlarmAndDedupeStateIntoANewJobBuild(
      KafkaServer kafka,
      ElasticsearchServer elasticsearch,
      FlinkCluster flink,
      @TempDir Path savepoints)
      throws Exception {
    kafka.createTopics(2, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
    for (String topic : KafkaTopics.COMPACTED) {
      kafka.createCompactedTopic(topic, 2);
    }
    IndexTemplates.install(elasticsearch.httpUrl());
    ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
    try (RunningJobFixture data = new RunningJobFixture(kafka, es);
        KafkaConsumer<byte[], byte[]> alarmsTopic = data.committedAlarmsConsumer()) {
      JobConfig config =
          JobConfig.fromMap(
              Map.of(
                  JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(),
                  kafka.bootstrapServers(),
                  JobOptions.KAFKA_GROUP_ID.key(),
                  "heatwatch-savepoint-" + data.run,
                  JobOptions.ELASTICSEARCH_HOSTS.key(),
                  elasticsearch.httpUrl(),
                  JobOptions.CHECKPOINT_INTERVAL.key(),
                  "1 s",
                  JobOptions.PARALLELISM.key(),
                  "2"));
      String device = data.device(0);
      String alarmId =
          Alarm.idFor(device, "t1", AlarmKind.HIGH, data.t0.plusSeconds(HIGH_AT_SECONDS));

      JobClient first = HeatwatchJob.start(flink.environment(2), config);
      for (int i = 0; i < 10; i++) {
        data.send(device, i + 1, i * 10, 20.0 + 0.1 * (i % 3));
      }
      Reading high = data.send(device, 11, HIGH_AT_SECONDS, 40.0);
      data.flush();
      await()
          .atMost(DEADLINE)
          .pollInterval(POLL)
          .untilAsserted(
              () -> {
                JsonNode alarm = data.alarmDocuments().get(alarmId);
                assertThat(alarm).as(alarmId).isNotNull();
                assertThat(alarm.path("state").asText()).isEqualTo("OPEN");
              });
      String savepoint = stopWithSavepoint(flink, first.getJobID(), savepoints);

      JobClient second = startFromSavepoint(flink.environment(2), config, savepoint);
      try {
        data.resend(high);
        data.resend(data.unique().get(2));
        data.send(device, 12, 120, 20.0);
        data.flush();
        RestoredCheckpointStats restored =
            await()
                .atMost(DEADLINE)
                .pollInterval(POLL)
                .until(
                    () ->
                        RunningJobFixture.checkpoints(flink.miniCluster(), second.getJobID())
                            .getLatestRestoredCheckpoint(),
                    stats -> stats != null);
        assertThat(restored.getProperties().isSavepoint()).isTrue();
        assertThat(restored.getExternalPath()).isEqualTo(savepoint);

        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .untilAsserted(
                () -> {
                  JsonNode alarm = data.alarmDocuments().get(alarmId);
                  assertThat(alarm.path("state").asText()).isEqualTo("CLEARED");
                  assertThat(alarm.path("version").asLong()).isEqualTo(2);
                });
        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .untilAsserted(data::assertEveryReadingIndexedOnce);
        // The copies never reached the sink: their documents were written once, before the stop.
        for (Reading copy : List.of(high, data.unique().get(2))) {
          assertThat(es.get(IndexNames.readings(copy.ts()), copy.id()).path("_version").asLong())
              .as(copy.id())
              .isEqualTo(1);
        }
        List<Alarm> events = new ArrayList<>();
        await()
            .atMost(DEADLINE)
            .pollInterval(POLL)
            .untilAsserted(
                () -> {
                  data.pollAlarms(alarmsTopic, events);
                  assertThat(events)
                      .filteredOn(alarm -> alarm.alarmId().equals(alarmId))
                      .extracting(Alarm::version, Alarm::state)
                      .containsExactly(
                          tuple(1L, Alarm.AlarmState.OPEN), tuple(2L, Alarm.AlarmState.CLEARED));
                });
        assertThat(second.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      } finally {
        second.cancel().get();
      }
    }
  }

  private static String stopWithSavepoint(FlinkCluster flink, JobID job, Path dir)
      throws Exception {
    String savepoint =
        flink
            .miniCluster()
            .stopWithSavepoint(job, dir.toUri().toString(), false, SavepointFormatType.CANONICAL)
            .get();
    await()
        .atMost(DEADLINE)
        .pollInterval(POLL)
        .until(() -> flink.miniCluster().getJobStatus(job).get() == JobStatus.FINISHED);
    return savepoint;
  }

  /** A fresh build of the job (same uids) that starts from {@code savepoint}. */
  private static JobClient startFromSavepoint(
      StreamExecutionEnvironment env, JobConfig config, String savepoint) throws Exception {
    HeatwatchJob.build(env, config, Sources.kafka(config), Sinks.production(config));
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(config.jobName());
    graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
    return env.executeAsync(graph);
  }
}
