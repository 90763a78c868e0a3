package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void eachWitherChangesItsOwnFieldOnly() {
    Thresholds d = Thresholds.DEFAULTS;
    assertThat(d.withHighC(30)).isEqualTo(copy(d, 0, 30));
    assertThat(d.withLowC(-5)).isEqualTo(copy(d, 1, -5));
    assertThat(d.withHysteresisC(0.5)).isEqualTo(copy(d, 2, 0.5));
    assertThat(d.withMaxRateCPerMin(2)).isEqualTo(copy(d, 3, 2));
    assertThat(d.withMinDuration(Duration.ofMinutes(10))).isEqualTo(copy(d, 4, 600_000));
    assertThat(d.withSpikeZ(6)).isEqualTo(copy(d, 5, 6));
    assertThat(d.withSpikeMinDeltaC(0.5)).isEqualTo(copy(d, 6, 0.5));
    assertThat(d.withFlatline(Duration.ofMinutes(30))).isEqualTo(copy(d, 7, 1_800_000));
    assertThat(d.withFaultBurst(5)).isEqualTo(copy(d, 8, 5));
  }

  @Test
  void aWitherValidatesLikeTheConstructor() {
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withLowC(40))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lowC 40.0");
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withFaultBurst(Thresholds.FAULT_HISTORY + 1))
        .hasMessageContaining("faultBurst");
  }

  /** {@code t} with field {@code i} (in record order) set to {@code v}, built positionally. */
  private static Thresholds copy(Thresholds t, int i, double v) {
    double[] f = {
      t.highC(),
      t.lowC(),
      t.hysteresisC(),
      t.maxRateCPerMin(),
      t.minDurationMs(),
      t.spikeZ(),
      t.spikeMinDeltaC(),
      t.flatlineMs(),
      t.faultBurst()
    };
    f[i] = v;
    return new Thresholds(f[0], f[1], f[2], f[3], (long) f[4], f[5], f[6], (long) f[7], (int) f[8]);
  }
}
