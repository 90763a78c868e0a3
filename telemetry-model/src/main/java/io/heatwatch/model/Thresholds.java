package io.heatwatch.model;

import java.io.Serializable;
import java.time.Duration;

/**
 * The thresholds one sensor is checked against: the defaults ({@link #DEFAULTS}, which the job's
 * settings may change), overridden field by field by the sensor's {@link SensorConfig}. Defined
 * here so that the job and the console read one definition of the defaults.
 *
 * @param highC HIGH opens above this
 * @param lowC LOW opens below this
 * @param hysteresisC HIGH and LOW clear only this far back inside their threshold
 * @param maxRateCPerMin RATE_OF_CHANGE opens above this absolute rate
 * @param minDurationMs HIGH, LOW and RATE_OF_CHANGE open only once their condition held this long
 * @param spikeZ SPIKE opens at this robust z-score
 * @param spikeMinDeltaC ...and only this far from the baseline, so quantisation noise never counts
 * @param flatlineMs FLATLINE opens when the value has not changed for this long
 * @param faultBurst SENSOR_FAULT opens when this many of the last {@value #FAULT_HISTORY} readings
 *     were not OK
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

  /** How many recent readings SENSOR_FAULT looks at. */
  public static final int FAULT_HISTORY = 10;

  /**
   * The defaults: what a sensor without a config is checked against unless the job changes them.
   */
  public static final Thresholds DEFAULTS =
      new Thresholds(35.0, 0.0, 1.0, 1.0, 0, 8.0, 1.0, Duration.ofHours(1).toMillis(), 3);

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
    if (faultBurst < 1 || faultBurst > FAULT_HISTORY) {
      throw new IllegalArgumentException(
          "faultBurst must be 1.." + FAULT_HISTORY + ", got " + faultBurst);
    }
  }

  public Thresholds withHighC(double value) {
    return new Thresholds(
        value,
        lowC,
        hysteresisC,
        maxRateCPerMin,
        minDurationMs,
        spikeZ,
        spikeMinDeltaC,
        flatlineMs,
        faultBurst);
  }

  public Thresholds withLowC(double value) {
    return new Thresholds(
        highC,
        value,
        hysteresisC,
        maxRateCPerMin,
        minDurationMs,
        spikeZ,
        spikeMinDeltaC,
        flatlineMs,
        faultBurst);
  }

  public Thresholds withHysteresisC(double value) {
    return new Thresholds(
        highC,
        lowC,
        value,
        maxRateCPerMin,
        minDurationMs,
        spikeZ,
        spikeMinDeltaC,
        flatlineMs,
        faultBurst);
  }

  public Thresholds withMaxRateCPerMin(double value) {
    return new Thresholds(
        highC,
        lowC,
        hysteresisC,
        value,
        minDurationMs,
        spikeZ,
        spikeMinDeltaC,
        flatlineMs,
        faultBurst);
  }

  public Thresholds withMinDuration(Duration value) {
    return new Thresholds(
        highC,
        lowC,
        hysteresisC,
        maxRateCPerMin,
        value.toMillis(),
        spikeZ,
        spikeMinDeltaC,
        flatlineMs,
        faultBurst);
  }

  public Thresholds withSpikeZ(double value) {
    return new Thresholds(
        highC,
        lowC,
        hysteresisC,
        maxRateCPerMin,
        minDurationMs,
        value,
        spikeMinDeltaC,
        flatlineMs,
        faultBurst);
  }

  public Thresholds withSpikeMinDeltaC(double value) {
    return new Thresholds(
        highC,
        lowC,
        hysteresisC,
        maxRateCPerMin,
        minDurationMs,
        spikeZ,
        value,
        flatlineMs,
        faultBurst);
  }

  public Thresholds withFlatline(Duration value) {
    return new Thresholds(
        highC,
        lowC,
        hysteresisC,
        maxRateCPerMin,
        minDurationMs,
        spikeZ,
        spikeMinDeltaC,
        value.toMillis(),
        faultBurst);
  }

  public Thresholds withFaultBurst(int value) {
    return new Thresholds(
        highC,
        lowC,
        hysteresisC,
        maxRateCPerMin,
        minDurationMs,
        spikeZ,
        spikeMinDeltaC,
        flatlineMs,
        value);
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
