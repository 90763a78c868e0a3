package io.heatwatch.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Pipeline.Stage;
import io.heatwatch.watchdog.StageView.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HealthJsonTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  private static WatchdogStatus stalledAtTheBridge() {
    List<StageView> stages = new ArrayList<>();
    for (Stage s : Stage.values()) {
      State state =
          s == Stage.BROKER ? State.OK : s == Stage.BRIDGE ? State.STALLED : State.UNKNOWN;
      stages.add(new StageView(s, state, T, "detail of " + s));
    }
    return new WatchdogStatus(
        "stalled",
        stages,
        Optional.of(Stage.BRIDGE),
        "pipeline stalled at the MQTT-to-Kafka bridge (Connect source): task 0 FAILED",
        75,
        "FAILED",
        3,
        1,
        "RUNNING",
        0,
        OptionalLong.of(12),
        OptionalLong.of(600),
        OptionalLong.of(4),
        1000,
        List.of("broker queue past half its bound"));
  }

  @Test
  void theHealthDocumentHasTheShapeTheConsoleReads() {
    JsonNode h = Rest.JSON.valueToTree(HealthJson.health(stalledAtTheBridge()));
    assertEquals("stalled", h.path("status").asText());
    assertEquals(5, h.path("stages").size());
    JsonNode bridge = h.path("stages").get(1);
    assertEquals("bridge", bridge.path("stage").asText());
    assertEquals("stalled", bridge.path("state").asText());
    assertEquals(T.toString(), bridge.path("since").asText());
    assertEquals("detail of BRIDGE", bridge.path("detail").asText());
    assertEquals(75, h.path("canaryAgeS").asLong());
    assertEquals("FAILED", h.path("connect").path("state").asText());
    assertEquals(3, h.path("connect").path("taskRestarts").asLong());
    assertEquals("RUNNING", h.path("job").path("state").asText());
    assertEquals(0, h.path("job").path("restarts").asLong());
    assertEquals(12, h.path("kafkaLag").asLong());
    assertEquals(60, h.path("broker").path("queueFillPercent").asLong());
  }

  @Test
  void theMetricsLineIsEmbeddedMetricFormatWithEveryMetricName() {
    JsonNode line = Rest.JSON.valueToTree(HealthJson.emf(stalledAtTheBridge(), "prod", T));
    JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
    assertEquals(T.toEpochMilli(), line.path("_aws").path("Timestamp").asLong());
    assertEquals("heatwatch", directive.path("Namespace").asText());
    assertEquals("Stack", directive.path("Dimensions").get(0).get(0).asText());
    assertEquals("prod", line.path("Stack").asText());
    List<String> names = new ArrayList<>();
    directive.path("Metrics").forEach(m -> names.add(m.path("Name").asText()));
    assertEquals(
        List.of(
            MetricNames.CANARY_AGE_SECONDS,
            MetricNames.STALLED_STAGES,
            MetricNames.CONNECT_TASK_RESTARTS,
            MetricNames.CONNECT_TASK_FAILED,
            MetricNames.JOB_RESTARTS,
            MetricNames.JOB_NOT_RUNNING,
            MetricNames.BROKER_QUEUE_FILL),
        names);
    assertEquals(75, line.path(MetricNames.CANARY_AGE_SECONDS).asLong());
    assertEquals(1, line.path(MetricNames.STALLED_STAGES).asLong());
    assertEquals(1, line.path(MetricNames.CONNECT_TASK_FAILED).asLong());
    assertEquals(0, line.path(MetricNames.JOB_NOT_RUNNING).asLong());
    assertEquals(60, line.path(MetricNames.BROKER_QUEUE_FILL).asLong());
  }

  @Test
  void theStatusLineShowsEveryStageTheTaskTheJobTheLagTheCanaryAndWhatIsWrong() {
    String line = stalledAtTheBridge().line();
    assertTrue(line.contains("broker ok  bridge stalled  kafka unknown"), line);
    assertTrue(line.contains("task FAILED (3 restarts)"), line);
    assertTrue(line.contains("job RUNNING"), line);
    assertTrue(line.contains("lag 12"), line);
    assertTrue(line.contains("canary 75 s"), line);
    assertTrue(line.contains("stalled at the MQTT-to-Kafka bridge"), line);
  }

  @Test
  void theBrokerQueueWarnsPastHalfItsBoundOnlyWhenBothAreKnown() {
    assertEquals(Optional.empty(), Watchdog.queueWarning(OptionalLong.of(500), 1000));
    assertTrue(Watchdog.queueWarning(OptionalLong.of(501), 1000).isPresent());
    assertEquals(Optional.empty(), Watchdog.queueWarning(OptionalLong.empty(), 1000));
    assertEquals(Optional.empty(), Watchdog.queueWarning(OptionalLong.of(10_000), 0));
  }
}
