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

  /** A builder for a new DeviceStatus, contract version {@link Versions#V1}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this DeviceStatus's fields, to make a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.v = v;
    b.site = site;
    b.deviceId = deviceId;
    b.state = state;
    b.ts = ts;
    b.bootId = bootId;
    b.agentVersion = agentVersion;
    b.outboxDepth = outboxDepth;
    b.dropped = dropped;
    b.uptimeS = uptimeS;
    b.cpuTempC = cpuTempC;
    b.refused = refused;
    b.sensorsConfigured = sensorsConfigured;
    b.sensorsSeen = sensorsSeen;
    b.lastGoodReadTs = lastGoodReadTs;
    return b;
  }

  /**
   * Builds a {@link DeviceStatus} field by field; {@link #build()} validates as the constructor
   * does.
   */
  public static final class Builder {
    private int v = Versions.V1;
    private String site;
    private String deviceId;
    private DeviceState state;
    private Instant ts;
    private String bootId;
    private String agentVersion;
    private Long outboxDepth;
    private Long dropped;
    private Long uptimeS;
    private Double cpuTempC;
    private @JsonInclude(JsonInclude.Include.NON_NULL) Long refused;
    private @JsonInclude(JsonInclude.Include.NON_NULL) Long sensorsConfigured;
    private @JsonInclude(JsonInclude.Include.NON_NULL) Long sensorsSeen;
    private @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastGoodReadTs;

    private Builder() {}

    public Builder v(int v) {
      this.v = v;
      return this;
    }

    public Builder site(String site) {
      this.site = site;
      return this;
    }

    public Builder deviceId(String deviceId) {
      this.deviceId = deviceId;
      return this;
    }

    public Builder state(DeviceState state) {
      this.state = state;
      return this;
    }

    public Builder ts(Instant ts) {
      this.ts = ts;
      return this;
    }

    public Builder bootId(String bootId) {
      this.bootId = bootId;
      return this;
    }

    public Builder agentVersion(String agentVersion) {
      this.agentVersion = agentVersion;
      return this;
    }

    public Builder outboxDepth(Long outboxDepth) {
      this.outboxDepth = outboxDepth;
      return this;
    }

    public Builder dropped(Long dropped) {
      this.dropped = dropped;
      return this;
    }

    public Builder uptimeS(Long uptimeS) {
      this.uptimeS = uptimeS;
      return this;
    }

    public Builder cpuTempC(Double cpuTempC) {
      this.cpuTempC = cpuTempC;
      return this;
    }

    public Builder refused(@JsonInclude(JsonInclude.Include.NON_NULL) Long refused) {
      this.refused = refused;
      return this;
    }

    public Builder sensorsConfigured(
        @JsonInclude(JsonInclude.Include.NON_NULL) Long sensorsConfigured) {
      this.sensorsConfigured = sensorsConfigured;
      return this;
    }

    public Builder sensorsSeen(@JsonInclude(JsonInclude.Include.NON_NULL) Long sensorsSeen) {
      this.sensorsSeen = sensorsSeen;
      return this;
    }

    public Builder lastGoodReadTs(
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastGoodReadTs) {
      this.lastGoodReadTs = lastGoodReadTs;
      return this;
    }

    public DeviceStatus build() {
      return new DeviceStatus(
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
          sensorsConfigured,
          sensorsSeen,
          lastGoodReadTs);
    }
  }

  /** Whether a device is connected. */
  public enum DeviceState {
    ONLINE,
    OFFLINE
  }
}
