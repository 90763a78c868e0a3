package io.heatwatch.job.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.Limits;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.Thresholds;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void theLongestMinimumDurationTheContractAllowsFitsInMilliseconds() {
    Thresholds thresholds = Thresholds.DEFAULTS.with(config(Limits.MAX_DURATION_S));
    assertThat(thresholds.minDurationMs()).isEqualTo(Duration.ofDays(30).toMillis());
  }

  @Test
  void aMinimumDurationWhoseMillisecondsOverflowNeverReachesTheJob() {
    // 9.3e15 s * 1000 overflows a long: the config is refused where it is read.
    assertThatThrownBy(() -> config(9_300_000_000_000_000L))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("minDurationS");
  }

  private static SensorConfig config(long minDurationS) {
    return SensorConfig.builder()
        .sensorId("t1")
        .site("home")
        .deviceId("pi")
        .name("probe")
        .highC(30.0)
        .minDurationS(minDurationS)
        .updatedAt(AT)
        .updatedBy("it")
        .build();
  }
}
