package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Durations;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job's settings are read by Flink's duration parser, every other module's by {@link
 * Durations}: one syntax means both read the same value the same way.
 */
class DurationSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 s", "500 ms", "10 s", "10s", "5 min", "90 s", "12 h", "7 d", "2 hours", "1 day"
      })
  void flinkAndTheOtherModulesReadAValueTheSame(String text) {
    assertThat(Durations.parse("k", text)).isEqualTo(TimeUtils.parseDuration(text));
  }
}
