package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.DeviceStatus.DeviceState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceStatusTest {
  private static final Instant TS = Instant.parse("2026-11-24T10:15:00Z");

  private static DeviceStatus status(Long outboxDepth, Long dropped, Long uptimeS, Double cpu) {
    return new DeviceStatus(
        1,
        "home",
        "pi-kitchen",
        DeviceState.ONLINE,
        TS,
        "b",
        "0.1.0",
        outboxDepth,
        dropped,
        uptimeS,
        cpu);
  }

  @Test
  void countersCannotBeNegative() {
    assertThat(status(0L, 0L, 0L, null).outboxDepth()).isZero();
    assertThat(Rejection.of(() -> status(-1L, null, null, null)).field()).isEqualTo("outboxDepth");
    assertThat(Rejection.of(() -> status(null, -1L, null, null)).field()).isEqualTo("dropped");
    assertThat(Rejection.of(() -> status(null, null, -1L, null)).field()).isEqualTo("uptimeS");
  }

  @Test
  void cpuTemperatureMustBeFinite() {
    assertThat(Rejection.of(() -> status(null, null, null, Double.NaN)).field())
        .isEqualTo("cpuTempC");
  }

  @Test
  void stateAndTimeAreRequired() {
    assertThat(
            Rejection.of(
                    () ->
                        new DeviceStatus(
                            1, "home", "pi", null, TS, null, null, null, null, null, null))
                .field())
        .isEqualTo("state");
    assertThat(
            Rejection.of(
                    () ->
                        new DeviceStatus(
                            1,
                            "home",
                            "pi",
                            DeviceState.OFFLINE,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null))
                .field())
        .isEqualTo("ts");
  }
}
