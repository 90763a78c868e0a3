package io.heatwatch.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Excursion;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.TelemetryCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the alarm list and the sensor page get of an alarm ({@link AlarmsApi#brief}). */
class AlarmsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aClearedHighCarriesItsExcursionAndItsSummaryInWords() {
    Alarm cleared =
        alarm(AlarmKind.HIGH)
            .state(AlarmState.CLEARED)
            .clearedAt(T0.plusSeconds(2520))
            .excursion(new Excursion(2520, 11.27, 9.8, 9.93))
            .build();

    Map<String, Object> brief = AlarmsApi.brief(json(cleared));

    assertThat(brief.get("excursion").toString())
        .isEqualTo("{\"durationS\":2520,\"peakC\":11.27,\"meanC\":9.8,\"mktC\":9.93}");
    assertThat(brief.get("excursionSummary"))
        .isEqualTo("lasted 42 min, peak 11.3 °C, mean 9.8 °C, MKT 9.9 °C");
  }

  @Test
  void anAlarmWithoutAnExcursionHasNoSummaryAndTheNewKindsShowAsTheyAre() {
    for (AlarmKind kind : new AlarmKind[] {AlarmKind.TREND, AlarmKind.EXPOSURE}) {
      Map<String, Object> brief = AlarmsApi.brief(json(alarm(kind).build()));

      assertThat(brief.get("kind").toString()).isEqualTo("\"" + kind.name() + "\"");
      assertThat(brief.get("excursion")).isNull();
      assertThat(brief.get("excursionSummary")).isNull();
    }
  }

  @Test
  void durationsReadAsAPersonSaysThem() {
    assertThat(Excursions.duration(40)).isEqualTo("40 s");
    assertThat(Excursions.duration(2520)).isEqualTo("42 min");
    assertThat(Excursions.duration(3 * 3600 + 5 * 60 + 59)).isEqualTo("3 h 5 min");
    assertThat(Excursions.duration(26 * 3600)).isEqualTo("26 h");
  }

  private static Alarm.Builder alarm(AlarmKind kind) {
    return Alarm.builder()
        .alarmId("home/dev-1/t1/" + kind + "/1")
        .version(2)
        .site("home")
        .deviceId("dev-1")
        .sensorId("t1")
        .kind(kind)
        .severity(Severity.WARNING)
        .state(AlarmState.OPEN)
        .openedAt(T0)
        .updatedAt(T0.plusSeconds(2520))
        .value(9.0)
        .threshold(8.0)
        .message(kind + " on t1");
  }

  private static JsonNode json(Alarm alarm) {
    try {
      return JSON.readTree(TelemetryCodec.encode(alarm));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
