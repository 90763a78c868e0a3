package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SensorConfigTest {
  private static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

  private static SensorConfig config(
      Double highC, Double lowC, Double hysteresisC, Double maxRate, Long minDurationS) {
    return SensorConfig.builder()
        .sensorId("28-0316a2796aff")
        .site("home")
        .deviceId("pi-kitchen")
        .name("fridge")
        .highC(highC)
        .lowC(lowC)
        .hysteresisC(hysteresisC)
        .maxRateCPerMin(maxRate)
        .minDurationS(minDurationS)
        .updatedAt(AT)
        .updatedBy("maria")
        .build();
  }

  @Test
  void lowMustBeBelowHigh() {
    InvalidPayloadException equal = Rejection.of(() -> config(8.0, 8.0, null, null, null));
    InvalidPayloadException above = Rejection.of(() -> config(8.0, 9.5, null, null, null));

    assertThat(equal.field()).isEqualTo("lowC");
    assertThat(above.field()).isEqualTo("lowC");
    assertThat(above.getMessage()).contains("9.5").contains("8.0");
    assertThat(config(8.0, 7.99, null, null, null).lowC()).isEqualTo(7.99);
  }

  @Test
  void eitherThresholdAloneIsFine() {
    assertThat(config(null, 30.0, null, null, null).lowC()).isEqualTo(30.0);
    assertThat(config(-30.0, null, null, null, null).highC()).isEqualTo(-30.0);
  }

  @Test
  void rangesOfTheTuningValues() {
    assertThat(config(null, null, 0.0, null, 0L).hysteresisC()).isZero();
    assertThat(Rejection.of(() -> config(null, null, -0.1, null, null)).field())
        .isEqualTo("hysteresisC");
    assertThat(Rejection.of(() -> config(null, null, null, 0.0, null)).field())
        .isEqualTo("maxRateCPerMin");
    assertThat(Rejection.of(() -> config(null, null, null, null, -1L)).field())
        .isEqualTo("minDurationS");
    assertThat(Rejection.of(() -> config(Double.POSITIVE_INFINITY, null, null, null, null)).field())
        .isEqualTo("highC");
  }

  @Test
  void spikeSensitivityIsOptionalAndPositive() {
    SensorConfig withZ =
        SensorConfig.builder()
            .sensorId("28-0316a2796aff")
            .site("home")
            .deviceId("pi-kitchen")
            .spikeZ(4.5)
            .updatedAt(AT)
            .build();

    assertThat(withZ.spikeZ()).isEqualTo(4.5);
    assertThat(config(8.0, 0.0, null, null, null).spikeZ()).isNull();
    InvalidPayloadException zero =
        Rejection.of(
            () ->
                SensorConfig.builder()
                    .sensorId("28-0316a2796aff")
                    .site("home")
                    .deviceId("pi-kitchen")
                    .spikeZ(0.0)
                    .updatedAt(AT)
                    .build());
    assertThat(zero.field()).isEqualTo("spikeZ");
    assertThat(
            Rejection.of(
                    () ->
                        SensorConfig.builder()
                            .sensorId("28-0316a2796aff")
                            .site("home")
                            .deviceId("pi-kitchen")
                            .spikeZ(Double.NaN)
                            .updatedAt(AT)
                            .build())
                .field())
        .isEqualTo("spikeZ");
  }
}
