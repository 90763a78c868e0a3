package io.heatwatch.edge;

import io.heatwatch.edge.outbox.Outbox;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.DeviceStatus.DeviceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds the status messages: birth and heartbeat with the outbox's figures, Last Will, goodbye.
 */
final class Heartbeat {
  private final AgentIdentity identity;
  private final Outbox outbox;
  private final Clock clock;
  private final Instant started;
  private final Path cpuTemperature;
  private final LongSupplier refused;
  private final LongSupplier droppedInMemory;
  private final Supplier<SensorCounts> sensors;

  /**
   * @param cpuTemperature the SoC thermal zone, {@code /sys/class/thermal/thermal_zone0/temp} on a
   *     Pi; missing or unreadable means no CPU temperature in the heartbeat
   * @param refused readings the broker refused since start
   * @param droppedInMemory readings dropped before the outbox stored them since start (beyond the
   *     unstored bound on a full disk, or refused by the contract); the outbox counts its own
   * @param sensors the sensor counts and last good read as of the latest tick
   */
  Heartbeat(
      AgentIdentity identity,
      Outbox outbox,
      Clock clock,
      Path cpuTemperature,
      LongSupplier refused,
      LongSupplier droppedInMemory,
      Supplier<SensorCounts> sensors) {
    this.identity = identity;
    this.outbox = outbox;
    this.clock = clock;
    this.started = clock.instant();
    this.cpuTemperature = cpuTemperature;
    this.refused = refused;
    this.droppedInMemory = droppedInMemory;
    this.sensors = sensors;
  }

  DeviceStatus online() {
    Instant now = clock.instant();
    SensorCounts counts = sensors.get();
    return DeviceStatus.builder()
        .site(identity.site())
        .deviceId(identity.deviceId())
        .state(DeviceState.ONLINE)
        .ts(now)
        .bootId(identity.bootId())
        .agentVersion(identity.agentVersion())
        .outboxDepth(outbox.depth())
        .dropped(outbox.dropped() + droppedInMemory.getAsLong())
        .uptimeS(Duration.between(started, now).toSeconds())
        .cpuTempC(cpuTempC())
        .refused(refused.getAsLong())
        .sensorsConfigured(counts.configured())
        .sensorsSeen(counts.seen())
        .lastGoodReadTs(counts.lastGoodRead())
        .build();
  }

  DeviceStatus offline() {
    return identity.status(DeviceState.OFFLINE, clock.instant());
  }

  private Double cpuTempC() {
    if (cpuTemperature == null || !Files.isReadable(cpuTemperature)) {
      return null;
    }
    try {
      return Integer.parseInt(Files.readString(cpuTemperature).strip()) / 1000.0;
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }
}
