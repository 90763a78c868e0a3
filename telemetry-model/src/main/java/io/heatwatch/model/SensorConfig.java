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
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant retiredAt) {

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

  /** A config of a sensor in service with the job's silence bound. */
  public SensorConfig(
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
      String updatedBy) {
    this(
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
        null,
        null);
  }

  /** Whether an operator has retired the sensor. */
  public boolean retired() {
    return retiredAt != null;
  }

  /** A config without a spike sensitivity of its own (the job's default applies). */
  public SensorConfig(
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
      Instant updatedAt,
      String updatedBy) {
    this(
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
        null,
        updatedAt,
        updatedBy);
  }
}
