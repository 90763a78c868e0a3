package io.heatwatch.job.detect;

import io.heatwatch.model.SensorConfig;
import java.io.Serializable;

/**
 * The thresholds one sensor is checked against: the job's defaults, overridden field by field by
 * the sensor's {@link SensorConfig} when it has one.
 *
 * @param highC HIGH opens above this
 * @param lowC LOW opens below this
 * @param hysteresisC HIGH and LOW clear only this far back inside their threshold
 * @param maxRateCPerMin RATE_OF_CHANGE opens above this absolute rate
 * @param minDurationMs HIGH, LOW and RATE_OF_CHANGE open only once their condition held this long
 * @param spikeZ SPIKE opens at this robust z-score
 * @param spikeMinDeltaC ...and only this far from the baseline, so quantisation noise never counts
 * @param flatlineMs FLATLINE opens when the value has not changed for this long
 * @param faultBurst SENSOR_FAULT opens when this many of the last {@value
 *     SensorFaultDetector#HISTORY} readings were not OK
 */
public record Thresholds(
    double highC,
    double lowC,
    double hysteresisC,
    double maxRateCPerMin,
    long minDurationMs,
    double spikeZ,
    double spikeMinDeltaC,
    long flatlineMs,
    int faultBurst)
    implements Serializable {

  public Thresholds {
    if (!(lowC < highC)) {
      throw new IllegalArgumentException("lowC " + lowC + " must be below highC " + highC);
    }
    if (!(hysteresisC >= 0)) {
      throw new IllegalArgumentException("hysteresisC must be >= 0, got " + hysteresisC);
    }
    if (!(maxRateCPerMin > 0)) {
      throw new IllegalArgumentException("maxRateCPerMin must be > 0, got " + maxRateCPerMin);
    }
    if (minDurationMs < 0 || flatlineMs <= 0) {
      throw new IllegalArgumentException(
          "minDurationMs must be >= 0 and flatlineMs > 0, got "
              + minDurationMs
              + ", "
              + flatlineMs);
    }
    if (!(spikeZ > 0) || !(spikeMinDeltaC >= 0)) {
      throw new IllegalArgumentException(
          "spikeZ must be > 0 and spikeMinDeltaC >= 0, got " + spikeZ + ", " + spikeMinDeltaC);
    }
    if (faultBurst < 1 || faultBurst > SensorFaultDetector.HISTORY) {
      throw new IllegalArgumentException(
          "faultBurst must be 1.." + SensorFaultDetector.HISTORY + ", got " + faultBurst);
    }
  }

  /**
   * These thresholds with the fields {@code config} sets; an override that would put LOW at or
   * above HIGH is ignored as a whole, and the defaults stay.
   */
  public Thresholds with(SensorConfig config) {
    if (config == null) {
      return this;
    }
    double high = config.highC() != null ? config.highC() : highC;
    double low = config.lowC() != null ? config.lowC() : lowC;
    if (!(low < high)) {
      return this;
    }
    return new Thresholds(
        high,
        low,
        config.hysteresisC() != null ? config.hysteresisC() : hysteresisC,
        config.maxRateCPerMin() != null ? config.maxRateCPerMin() : maxRateCPerMin,
        config.minDurationS() != null ? config.minDurationS() * 1000 : minDurationMs,
        config.spikeZ() != null ? config.spikeZ() : spikeZ,
        spikeMinDeltaC,
        flatlineMs,
        faultBurst);
  }
}
