package io.heatwatch.console.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Pipeline.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the page's health strip and banner show: the watchdog's stages as it last told them, and a
 * banner naming every stopped stage while a PIPELINE_STALLED alarm is active (OPEN or ACKNOWLEDGED:
 * acknowledging it does not restart the stage) or the watchdog says a stage is stalled.
 */
public final class PipelineStatus {
  private static final Map<String, String> NAMES =
      Map.of(
          "broker", "the MQTT broker",
          "bridge", "the MQTT-to-Kafka bridge",
          "kafka", "Kafka",
          "job", "the Flink job",
          "elasticsearch", "Elasticsearch");

  private PipelineStatus() {}

  /**
   * {@code {watchdog, banner}}: {@code watchdog} null when none is configured; {@code banner} null
   * while nothing is stopped.
   */
  public static Map<String, Object> of(
      Optional<Optional<WatchdogHealth.Reading>> watchdog,
      Collection<JsonNode> activeAlarms,
      Function<JsonNode, Map<String, Object>> brief) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("watchdog", watchdog.map(PipelineStatus::strip).orElse(null));
    List<String> stopped = new ArrayList<>();
    List<Map<String, Object>> alarms = new ArrayList<>();
    for (JsonNode alarm : activeAlarms) {
      if (AlarmKind.PIPELINE_STALLED.name().equals(alarm.path("kind").asText())
          && Pipeline.DEVICE_ID.equals(alarm.path("deviceId").asText())) {
        add(stopped, alarm.path("sensorId").asText());
        alarms.add(brief.apply(alarm));
      }
    }
    String detail = null;
    Optional<JsonNode> doc = watchdog.flatMap(w -> w).flatMap(WatchdogHealth.Reading::document);
    if (doc.isPresent()) {
      for (JsonNode stage : doc.get().path("stages")) {
        if ("stalled".equals(stage.path("state").asText())) {
          add(stopped, stage.path("stage").asText());
          detail = stage.path("detail").asText(null);
        }
      }
    }
    if (stopped.isEmpty()) {
      body.put("banner", null);
      return body;
    }
    stopped.sort((a, b) -> Integer.compare(order(a), order(b)));
    Map<String, Object> banner = new LinkedHashMap<>();
    banner.put("stages", stopped);
    banner.put("message", message(stopped, detail));
    banner.put("alarms", alarms);
    body.put("banner", banner);
    return body;
  }

  private static void add(List<String> stages, String stage) {
    String s = stage.toLowerCase(Locale.ROOT);
    if (!s.isEmpty() && !stages.contains(s)) {
      stages.add(s);
    }
  }

  private static int order(String stage) {
    for (Stage s : Stage.values()) {
      if (s.id().equals(stage)) {
        return s.ordinal();
      }
    }
    return Stage.values().length;
  }

  private static String message(List<String> stopped, String detail) {
    List<String> names =
        stopped.stream().map(s -> NAMES.getOrDefault(s, s) + " (" + s + ")").toList();
    return "Pipeline stalled at "
        + String.join(" and ", names)
        + ": new readings and alarms may not reach this console."
        + (detail == null || detail.isBlank() ? "" : " " + detail);
  }

  /** The strip: the watchdog's states only, or why there are none. */
  private static Map<String, Object> strip(Optional<WatchdogHealth.Reading> reading) {
    Map<String, Object> w = new LinkedHashMap<>();
    if (reading.isEmpty()) {
      w.put("reachable", false);
      w.put("error", "not asked yet");
      return w;
    }
    WatchdogHealth.Reading r = reading.get();
    w.put("checkedAt", r.checkedAt().toString());
    w.put("reachable", r.document().isPresent());
    if (r.document().isEmpty()) {
      w.put("error", r.error());
      return w;
    }
    JsonNode doc = r.document().get();
    for (String field : List.of("status", "stages", "canaryAgeS", "connect", "job", "kafkaLag")) {
      JsonNode value = doc.get(field);
      w.put(field, value == null || value.isNull() ? null : value);
    }
    return w;
  }
}
