package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void readsANumberAndAUnit() {
    assertThat(Durations.parse("k", "500 ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("k", "30 s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("k", "30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("k", "5 min")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("k", "12 h")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("k", " 7 d ")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("k", "2 hours")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void stillReadsTheIsoFormOfSettingsWrittenBefore() {
    assertThat(Durations.parse("k", "PT12H")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("k", "pt5s")).isEqualTo(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "ten s", "5 fortnights", "-5 s", "1.5 h", "PT", "s"})
  void refusesAnythingElseNamingTheKeyAndTheText(String text) {
    assertThatThrownBy(() -> Durations.parse("console.session.timeout", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("console.session.timeout")
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void formatsInTheLargestWholeUnitAndReadsBackTheSame() {
    assertThat(Durations.format(Duration.ofHours(12))).isEqualTo("12 h");
    assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7 d");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90 s");
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0 s");
    for (Duration d :
        new Duration[] {Duration.ofMillis(7), Duration.ofSeconds(61), Duration.ofHours(25)}) {
      assertThat(Durations.parse("k", Durations.format(d))).isEqualTo(d);
    }
  }
}
