package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.sinks.IndexNames;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every identity docs/protocol.md states ("Identity") is made here by the code that makes it, with
 * the page's example inputs, and must appear on the page in its table row: a change to either the
 * code or the page fails this test.
 */
class IdentityDocTest {
  private static final Path DOC = Path.of("..", "docs", "protocol.md");
  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void everyIdentityOnThePageIsWhatTheCodeMakes() throws IOException {
    String page = Files.readString(DOC, StandardCharsets.UTF_8);
    Map<String, String> made = new LinkedHashMap<>();
    made.put("Reading.id()", Reading.ok("home", "pi-kitchen", "t1", 18234, AT, 21.5).id());
    made.put("SensorRef.key()", new SensorRef("pi-kitchen", "t1").key());
    made.put("SensorMetrics.id()", metrics().id());
    made.put("Alarm.idFor", Alarm.idFor("pi-kitchen", "t1", AlarmKind.HIGH, AT));
    made.put("IndexNames.readings", IndexNames.readings(AT));
    made.put("IndexNames.metrics", IndexNames.metrics(AT));
    made.put(
        "MqttTopics.topic", MqttTopics.topic("home", "pi-kitchen", MqttTopics.Channel.READINGS));
    made.put("MqttTopics.configTopic", MqttTopics.configTopic("home", "pi-kitchen", "t1"));

    made.forEach(
        (code, example) ->
            assertThat(page)
                .as("the Identity table's row for %s", code)
                .contains("| `" + code + "` | `" + example + "` |"));
  }

  private static SensorMetrics metrics() {
    return new SensorMetrics(
        "home", "pi-kitchen", "t1", AT, AT.plusSeconds(60), 6, 21, 22, 21.5, 0.3, AT, AT);
  }
}
