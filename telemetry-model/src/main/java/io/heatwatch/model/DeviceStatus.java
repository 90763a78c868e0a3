package io.heatwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param refused readings the broker refused (a PUBACK reason code of 0x80 or more) since the agent
 *     started; they stay in the outbox
 * @param sensorsConfigured how many sensors the agent's configuration names (the sensors it watches
 *     for being missing); absent from older agents
 * @param sensorsSeen how many sensors gave a good reading in the agent's latest tick; absent from
 *     older agents
 * @param lastGoodReadTs when the agent last read any sensor successfully, {@code null} if never
 *     since it started
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
    Double cpuTempC,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long refused,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long sensorsConfigured,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long sensorsSeen,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastGoodReadTs) {

  public DeviceStatus {
    Check.version(v);
    Check.segment("site", site);
    Check.segment("deviceId", deviceId);
    Check.notNull("state", state);
    Check.requiredInstant("ts", ts);
    Check.maxLength("bootId", bootId, 64);
    Check.maxLength("agentVersion", agentVersion, 64);
    Check.nonNegative("outboxDepth", outboxDepth);
    Check.nonNegative("dropped", dropped);
    Check.nonNegative("uptimeS", uptimeS);
    Check.temperature("cpuTempC", cpuTempC);
    Check.nonNegative("refused", refused);
    Check.nonNegative("sensorsConfigured", sensorsConfigured);
    Check.nonNegative("sensorsSeen", sensorsSeen);
    Check.instant("lastGoodReadTs", lastGoodReadTs);
  }

  /** A status without sensor counts (agents before they reported them). */
  public DeviceStatus(
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
      Double cpuTempC,
      Long refused) {
    this(
        v,
        site,
        deviceId,
        state,
        ts,
        bootId,
        agentVersion,
        outboxDepth,
        dropped,
        uptimeS,
        cpuTempC,
        refused,
        null,
        null,
        null);
  }

  /** A status without a count of refused readings. */
  public DeviceStatus(
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
    this(
        v,
        site,
        deviceId,
        state,
        ts,
        bootId,
        agentVersion,
        outboxDepth,
        dropped,
        uptimeS,
        cpuTempC,
        null,
        null,
        null,
        null);
  }

  /** Whether a device is connected. */
  public enum DeviceState {
    ONLINE,
    OFFLINE
  }
}
