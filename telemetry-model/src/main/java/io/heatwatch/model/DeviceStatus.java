package io.heatwatch.model;

import java.time.Instant;

/**
 * A device's birth, heartbeat or Last Will, published retained on its status topic.
 *
 * @param v wire contract version
 * @param site site id
 * @param deviceId device id
 * @param state ONLINE for birth and heartbeats, OFFLINE for the Last Will and a clean shutdown
 * @param ts when the device sent it
 * @param bootId id of the agent process run
 * @param agentVersion agent version string
 * @param outboxDepth readings stored and not yet acknowledged by the broker
 * @param dropped readings dropped by the outbox's bounded-size policy since install
 * @param uptimeS seconds since the agent started
 * @param cpuTempC the Pi's SoC temperature where readable
 */
public record DeviceStatus(
    int v,
    String site,
    String deviceId,
    DeviceState state,
    Instant ts,
    String bootId,
    String agentVersion,
    Long outboxDepth,
    Long dropped,
    Long uptimeS,
    Double cpuTempC) {

  public DeviceStatus {
    Check.version(v);
    Check.segment("site", site);
    Check.segment("deviceId", deviceId);
    Check.notNull("state", state);
    Check.notNull("ts", ts);
    Check.maxLength("bootId", bootId, 64);
    Check.maxLength("agentVersion", agentVersion, 64);
    Check.nonNegative("outboxDepth", outboxDepth);
    Check.nonNegative("dropped", dropped);
    Check.nonNegative("uptimeS", uptimeS);
    Check.finite("cpuTempC", cpuTempC);
  }

  /** Whether a device is connected. */
  public enum DeviceState {
    ONLINE,
    OFFLINE
  }
}
