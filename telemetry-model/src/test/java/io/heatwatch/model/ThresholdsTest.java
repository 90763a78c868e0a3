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
  void aProfileSetsTheDefaultsAndTheConfigsFieldsStillOverrideThem() {
    SensorConfig fridge =
        SensorConfig.builder()
            .sensorId("s1")
            .site("site")
            .deviceId("pi")
            .updatedAt(java.time.Instant.EPOCH)
            .profile(SensorProfile.FRIDGE)
            .highC(9.0)
            .build();

    Thresholds t = Thresholds.DEFAULTS.with(fridge);

    assertThat(t.highC()).isEqualTo(9.0);
    assertThat(t.lowC()).isEqualTo(2.0);
    assertThat(t.minDurationMs()).isEqualTo(Duration.ofMinutes(10).toMillis());
    assertThat(t.defrosts()).isTrue();
    assertThat(t.checks(Alarm.AlarmKind.TREND)).isTrue();
    assertThat(t.checks(Alarm.AlarmKind.SPIKE)).isFalse();
    assertThat(Thresholds.DEFAULTS.with(fridge.toBuilder().profile(SensorProfile.CUSTOM).build()))
        .isEqualTo(Thresholds.DEFAULTS.withHighC(9.0));
  }

  @Test
  void everyProfileMakesValidThresholdsAndParsesFromItsKey() {
    for (SensorProfile profile : SensorProfile.values()) {
      Thresholds t = profile.thresholds(Thresholds.DEFAULTS);
      assertThat(t.lowC()).as(profile.key()).isLessThan(t.highC());
      assertThat(SensorProfile.parse(profile.key())).isEqualTo(profile);
      assertThat(SensorProfile.parse(profile.name())).isEqualTo(profile);
    }
    assertThatThrownBy(() -> SensorProfile.parse("sauna"))
        .hasMessageContaining("cold-room")
        .hasMessageContaining("'sauna'");
  }

  @Test
  void aWitherValidatesLikeTheConstructor() {
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withLowC(40))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lowC 40.0");
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withFaultBurst(Thresholds.FAULT_HISTORY + 1))
        .hasMessageContaining("faultBurst");
  }

  /** {@code t} with field {@code i} (in record order) set to {@code v}, through the builder. */
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
    return t.toBuilder()
        .highC(f[0])
        .lowC(f[1])
        .hysteresisC(f[2])
        .maxRateCPerMin(f[3])
        .minDurationMs((long) f[4])
        .spikeZ(f[5])
        .spikeMinDeltaC(f[6])
        .flatlineMs((long) f[7])
        .faultBurst((int) f[8])
        .build();
  }
}
