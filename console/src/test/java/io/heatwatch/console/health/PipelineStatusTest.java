package io.heatwatch.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineStatusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static Optional<Optional<WatchdogHealth.Reading>> watchdog(String doc) throws Exception {
    return Optional.of(Optional.of(new WatchdogHealth.Reading(T, Optional.of(json(doc)), null)));
  }

  private static Map<String, Object> of(
      Optional<Optional<WatchdogHealth.Reading>> w, List<JsonNode> alarms) {
    return PipelineStatus.of(w, alarms, a -> Map.of("alarmId", a.path("alarmId").asText()));
  }

  @Test
  void noWatchdogAndNoAlarmIsNoStripAndNoBanner() {
    Map<String, Object> s = of(Optional.empty(), List.of());
    assertThat(s.get("watchdog")).isNull();
    assertThat(s.get("banner")).isNull();
  }

  @Test
  void aStalledAlarmAndAStalledStageAreNamedOnceEachInPipelineOrder() throws Exception {
    JsonNode alarm =
        json(
            "{'alarmId':'a1','kind':'PIPELINE_STALLED','deviceId':'heatwatch-pipeline',"
                + "'sensorId':'elasticsearch','state':'ACKNOWLEDGED'}");
    JsonNode sensorAlarm =
        json("{'alarmId':'a2','kind':'HIGH','deviceId':'pi','sensorId':'t1','state':'OPEN'}");
    Map<String, Object> s =
        of(
            watchdog(
                "{'status':'stalled','stages':[{'stage':'broker','state':'ok'},"
                    + "{'stage':'bridge','state':'stalled','detail':'task 0 FAILED'},"
                    + "{'stage':'elasticsearch','state':'unknown'}]}"),
            List.of(alarm, sensorAlarm));
    @SuppressWarnings("unchecked")
    Map<String, Object> banner = (Map<String, Object>) s.get("banner");
    assertThat(banner.get("stages")).isEqualTo(List.of("bridge", "elasticsearch"));
    assertThat((String) banner.get("message"))
        .contains("MQTT-to-Kafka bridge (bridge)")
        .contains("Elasticsearch (elasticsearch)")
        .contains("task 0 FAILED");
    assertThat(banner.get("alarms")).isEqualTo(List.of(Map.of("alarmId", "a1")));
  }

  @Test
  void aWatchdogWithoutAnAnswerIsUnreachableAndRaisesNoBanner() {
    Map<String, Object> s =
        of(
            Optional.of(Optional.of(new WatchdogHealth.Reading(T, Optional.empty(), "HTTP 500"))),
            List.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> w = (Map<String, Object>) s.get("watchdog");
    assertThat(w.get("reachable")).isEqualTo(false);
    assertThat(w.get("error")).isEqualTo("HTTP 500");
    assertThat(s.get("banner")).isNull();
  }
}
