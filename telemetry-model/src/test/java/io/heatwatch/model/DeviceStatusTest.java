package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.DeviceStatus.DeviceState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceStatusTest {
  private static final Instant TS = Instant.parse("2026-11-24T10:15:00Z");

  private static DeviceStatus status(Long outboxDepth, Long dropped, Long uptimeS, Double cpu) {
    return DeviceStatus.builder()
        .site("home")
        .deviceId("pi-kitchen")
        .state(DeviceState.ONLINE)
        .ts(TS)
        .bootId("b")
        .agentVersion("0.1.0")
        .outboxDepth(outboxDepth)
        .dropped(dropped)
        .uptimeS(uptimeS)
        .cpuTempC(cpu)
        .build();
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
            Rejection.of(() -> DeviceStatus.builder().site("home").deviceId("pi").ts(TS).build())
                .field())
        .isEqualTo("state");
    assertThat(
            Rejection.of(
                    () ->
                        DeviceStatus.builder()
                            .site("home")
                            .deviceId("pi")
                            .state(DeviceState.OFFLINE)
                            .build())
                .field())
        .isEqualTo("ts");
  }
}
