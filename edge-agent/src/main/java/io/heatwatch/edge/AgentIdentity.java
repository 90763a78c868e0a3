package io.heatwatch.edge;

import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.DeviceStatus.DeviceState;
import java.time.Instant;
import java.util.UUID;

/**
 * Who this agent is: site, device, the id of this process run and the agent version.
 *
 * @param site the site id
 * @param deviceId the device id
 * @param bootId a fresh id per process start, so the cloud can tell restarts apart
 * @param agentVersion the agent's version
 */
public record AgentIdentity(String site, String deviceId, String bootId, String agentVersion) {

  /** An identity with a fresh boot id and the version from the jar manifest. */
  public static AgentIdentity of(String site, String deviceId) {
    String version = AgentIdentity.class.getPackage().getImplementationVersion();
    return new AgentIdentity(
        site, deviceId, UUID.randomUUID().toString(), version == null ? "dev" : version);
  }

  /** A status message of this agent without counters. */
  public DeviceStatus status(DeviceState state, Instant now) {
    return DeviceStatus.builder()
        .site(site)
        .deviceId(deviceId)
        .state(state)
        .ts(now)
        .bootId(bootId)
        .agentVersion(agentVersion)
        .build();
  }
}
