package io.heatwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Thresholds and description of one sensor, kept compacted by sensorId and sent retained to its
 * device; {@code null} fields fall back to the job's defaults.
 *
 * @param v wire contract version
 * @param sensorId the sensor this applies to
 * @param site site id of the sensor's device
 * @param deviceId the sensor's device
 * @param name human name, e.g. "freezer 2 top shelf"
 * @param highC HIGH alarm opens above this
 * @param lowC LOW alarm opens below this
 * @param hysteresisC an alarm clears only this far back inside its threshold
 * @param maxRateCPerMin RATE_OF_CHANGE opens above this absolute rate
 * @param minDurationS the condition must hold this long before an alarm opens
 * @param spikeZ SPIKE sensitivity: a SPIKE opens at this robust z-score (lower is more sensitive)
 * @param updatedAt when it was changed
 * @param updatedBy who changed it
 * @param silentAfterS SENSOR_SILENT opens when the sensor has not reported for this long while its
 *     device lives; {@code null}: the larger of 3 × its observed cadence and the job's minimum
 * @param retiredAt when an operator retired the sensor (its alarms are cleared and its state freed;
 *     it is watched again if it reports later), {@code null} while it is in service
 * @param profile what the sensor watches ({@link SensorProfile}), which sets the defaults of every
 *     field above that is {@code null}; {@code null}: the job's defaults, as {@link
 *     SensorProfile#CUSTOM}
 */
public record SensorConfig(
    int v,
    String sensorId,
    String site,
    String deviceId,
    String name,
    Double highC,
    Double lowC,
    Double hysteresisC,
    Double maxRateCPerMin,
    Long minDurationS,
    Double spikeZ,
    Instant updatedAt,
    String updatedBy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long silentAfterS,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant retiredAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) SensorProfile profile) {

  public SensorConfig {
    Check.version(v);
    Check.sensorId("sensorId", sensorId);
    Check.segment("site", site);
    Check.segment("deviceId", deviceId);
    Check.maxLength("name", name, 200);
    Check.temperature("highC", highC);
    Check.temperature("lowC", lowC);
    Check.temperature("hysteresisC", hysteresisC);
    Check.floatRange("maxRateCPerMin", maxRateCPerMin);
    Check.duration("minDurationS", minDurationS);
    Check.floatRange("spikeZ", spikeZ);
    Check.requiredInstant("updatedAt", updatedAt);
    Check.maxLength("updatedBy", updatedBy, 200);
    Check.duration("silentAfterS", silentAfterS);
    Check.instant("retiredAt", retiredAt);
    if (silentAfterS != null && silentAfterS <= 0) {
      throw new InvalidPayloadException("silentAfterS", silentAfterS, "must be > 0");
    }
    if (highC != null && lowC != null && lowC >= highC) {
      throw new InvalidPayloadException("lowC", lowC, "must be below highC " + highC);
    }
    if (hysteresisC != null && hysteresisC < 0) {
      throw new InvalidPayloadException("hysteresisC", hysteresisC, "must be >= 0");
    }
    if (maxRateCPerMin != null && maxRateCPerMin <= 0) {
      throw new InvalidPayloadException("maxRateCPerMin", maxRateCPerMin, "must be > 0");
    }
    if (spikeZ != null && spikeZ <= 0) {
      throw new InvalidPayloadException("spikeZ", spikeZ, "must be > 0");
    }
  }

  /** The sensor this config is for. */
  public SensorRef ref() {
    return new SensorRef(deviceId, sensorId);
  }

  /** A builder for a new SensorConfig, contract version {@link Versions#V1}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this SensorConfig's fields, to make a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.v = v;
    b.sensorId = sensorId;
    b.site = site;
    b.deviceId = deviceId;
    b.name = name;
    b.highC = highC;
    b.lowC = lowC;
    b.hysteresisC = hysteresisC;
    b.maxRateCPerMin = maxRateCPerMin;
    b.minDurationS = minDurationS;
    b.spikeZ = spikeZ;
    b.updatedAt = updatedAt;
    b.updatedBy = updatedBy;
    b.silentAfterS = silentAfterS;
    b.retiredAt = retiredAt;
    b.profile = profile;
    return b;
  }

  /**
   * Builds a {@link SensorConfig} field by field; {@link #build()} validates as the constructor
   * does.
   */
  public static final class Builder {
    private int v = Versions.V1;
    private String sensorId;
    private String site;
    private String deviceId;
    private String name;
    private Double highC;
    private Double lowC;
    private Double hysteresisC;
    private Double maxRateCPerMin;
    private Long minDurationS;
    private Double spikeZ;
    private Instant updatedAt;
    private String updatedBy;
    private @JsonInclude(JsonInclude.Include.NON_NULL) Long silentAfterS;
    private @JsonInclude(JsonInclude.Include.NON_NULL) Instant retiredAt;
    private SensorProfile profile;

    private Builder() {}

    public Builder v(int v) {
      this.v = v;
      return this;
    }

    public Builder sensorId(String sensorId) {
      this.sensorId = sensorId;
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

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder highC(Double highC) {
      this.highC = highC;
      return this;
    }

    public Builder lowC(Double lowC) {
      this.lowC = lowC;
      return this;
    }

    public Builder hysteresisC(Double hysteresisC) {
      this.hysteresisC = hysteresisC;
      return this;
    }

    public Builder maxRateCPerMin(Double maxRateCPerMin) {
      this.maxRateCPerMin = maxRateCPerMin;
      return this;
    }

    public Builder minDurationS(Long minDurationS) {
      this.minDurationS = minDurationS;
      return this;
    }

    public Builder spikeZ(Double spikeZ) {
      this.spikeZ = spikeZ;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    public Builder updatedBy(String updatedBy) {
      this.updatedBy = updatedBy;
      return this;
    }

    public Builder silentAfterS(@JsonInclude(JsonInclude.Include.NON_NULL) Long silentAfterS) {
      this.silentAfterS = silentAfterS;
      return this;
    }

    public Builder retiredAt(@JsonInclude(JsonInclude.Include.NON_NULL) Instant retiredAt) {
      this.retiredAt = retiredAt;
      return this;
    }

    public Builder profile(SensorProfile profile) {
      this.profile = profile;
      return this;
    }

    public SensorConfig build() {
      return new SensorConfig(
          v,
          sensorId,
          site,
          deviceId,
          name,
          highC,
          lowC,
          hysteresisC,
          maxRateCPerMin,
          minDurationS,
          spikeZ,
          updatedAt,
          updatedBy,
          silentAfterS,
          retiredAt,
          profile);
    }
  }

  /** Whether an operator has retired the sensor. */
  public boolean retired() {
    return retiredAt != null;
  }
}
