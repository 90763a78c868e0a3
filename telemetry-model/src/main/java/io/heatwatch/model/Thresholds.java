package io.heatwatch.model;

import io.heatwatch.model.Alarm.AlarmKind;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one sensor is checked against: the job's defaults ({@link #DEFAULTS}, which the job's
 * settings may change), or the defaults of the sensor's {@link SensorProfile}, overridden field by
 * field by the sensor's {@link SensorConfig}. Defined here so that the job and the console read one
 * definition of the defaults.
 *
 * @param highC HIGH opens above this
 * @param lowC LOW opens below this
 * @param hysteresisC HIGH and LOW clear only this far back inside their threshold
 * @param maxRateCPerMin RATE_OF_CHANGE opens above this absolute rate
 * @param minDurationMs the alarm delay: HIGH, LOW and RATE_OF_CHANGE open only once their condition
 *     held this long, so a door opened for a minute does not alarm
 * @param spikeZ SPIKE opens at this robust z-score
 * @param spikeMinDeltaC ...and only this far from the baseline, so quantisation noise never counts
 * @param flatlineMs FLATLINE opens when the value has not changed for this long...
 * @param faultBurst SENSOR_FAULT opens when this many of the last {@value #FAULT_HISTORY} readings
 *     were not OK
 * @param flatlineMinReadings ...and over at least this many readings, so two hourly readings that
 *     happen to agree are no stuck sensor
 * @param trendHorizonMs TREND opens when the recent trend crosses HIGH or LOW within this horizon
 * @param exposureMaxMs EXPOSURE opens when the time spent beyond HIGH or LOW within {@code
 *     exposureWindowMs} reaches this; 0: no EXPOSURE alarm
 * @param exposureWindowMs the window EXPOSURE sums over, in whole days
 * @param defrostMaxMs a defrost may keep the sensor above HIGH this long without an alarm; 0: the
 *     sensor has no defrost
 * @param defrostCeilingC ...and never above this: an excursion beyond it is no defrost
 * @param defrostEveryMs the defrost schedule's period; 0: learned from the sensor's own rises
 * @param detectors the per-sensor alarm kinds that are checked at all
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
    int faultBurst,
    int flatlineMinReadings,
    long trendHorizonMs,
    long exposureMaxMs,
    long exposureWindowMs,
    long defrostMaxMs,
    double defrostCeilingC,
    long defrostEveryMs,
    Set<AlarmKind> detectors)
    implements Serializable {

  /** How many recent readings SENSOR_FAULT looks at. */
  public static final int FAULT_HISTORY = 10;

  /** The alarm kinds judged per sensor reading; the others are judged per device or pipeline. */
  public static final Set<AlarmKind> SENSOR_KINDS =
      Set.copyOf(
          EnumSet.of(
              AlarmKind.HIGH,
              AlarmKind.LOW,
              AlarmKind.RATE_OF_CHANGE,
              AlarmKind.SPIKE,
              AlarmKind.FLATLINE,
              AlarmKind.SENSOR_FAULT,
              AlarmKind.TREND,
              AlarmKind.EXPOSURE));

  /**
   * The defaults: what a sensor without a config or profile is checked against unless the job
   * changes them. TREND and EXPOSURE are off here, as they were before profiles existed; the
   * profiles switch them on.
   */
  public static final Thresholds DEFAULTS =
      builder()
          .highC(35.0)
          .lowC(0.0)
          .hysteresisC(1.0)
          .maxRateCPerMin(1.0)
          .minDurationMs(0)
          .spikeZ(8.0)
          .spikeMinDeltaC(1.0)
          .flatlineMs(Duration.ofHours(1).toMillis())
          .faultBurst(3)
          .flatlineMinReadings(10)
          .trendHorizonMs(Duration.ofMinutes(30).toMillis())
          .exposureMaxMs(0)
          .exposureWindowMs(Duration.ofDays(30).toMillis())
          .defrostMaxMs(0)
          .defrostCeilingC(Double.POSITIVE_INFINITY)
          .defrostEveryMs(0)
          .detectors(
              EnumSet.of(
                  AlarmKind.HIGH,
                  AlarmKind.LOW,
                  AlarmKind.RATE_OF_CHANGE,
                  AlarmKind.SPIKE,
                  AlarmKind.FLATLINE,
                  AlarmKind.SENSOR_FAULT))
          .build();

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
    if (flatlineMinReadings < 2) {
      throw new IllegalArgumentException(
          "flatlineMinReadings must be >= 2, got " + flatlineMinReadings);
    }
    if (trendHorizonMs <= 0) {
      throw new IllegalArgumentException("trendHorizonMs must be > 0, got " + trendHorizonMs);
    }
    if (exposureMaxMs < 0 || exposureWindowMs < Duration.ofDays(1).toMillis()) {
      throw new IllegalArgumentException(
          "exposureMaxMs must be >= 0 and exposureWindowMs at least 1 d, got "
              + exposureMaxMs
              + ", "
              + exposureWindowMs);
    }
    if (defrostMaxMs < 0 || defrostEveryMs < 0) {
      throw new IllegalArgumentException(
          "defrostMaxMs and defrostEveryMs must be >= 0, got "
              + defrostMaxMs
              + ", "
              + defrostEveryMs);
    }
    if (Double.isNaN(defrostCeilingC)) {
      throw new IllegalArgumentException("defrostCeilingC must be a number");
    }
    if (detectors == null || !SENSOR_KINDS.containsAll(detectors)) {
      throw new IllegalArgumentException(
          "detectors must be some of " + SENSOR_KINDS + ", got " + detectors);
    }
    detectors =
        Collections.unmodifiableSet(
            detectors.isEmpty() ? EnumSet.noneOf(AlarmKind.class) : EnumSet.copyOf(detectors));
  }

  /** Whether alarms of {@code kind} are checked. */
  public boolean checks(AlarmKind kind) {
    return detectors.contains(kind);
  }

  /** Whether the sensor defrosts (its profile declares it). */
  public boolean defrosts() {
    return defrostMaxMs > 0;
  }

  /** A builder with nothing set; {@link #build()} validates. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these thresholds, to make a changed copy. */
  public Builder toBuilder() {
    return new Builder()
        .highC(highC)
        .lowC(lowC)
        .hysteresisC(hysteresisC)
        .maxRateCPerMin(maxRateCPerMin)
        .minDurationMs(minDurationMs)
        .spikeZ(spikeZ)
        .spikeMinDeltaC(spikeMinDeltaC)
        .flatlineMs(flatlineMs)
        .faultBurst(faultBurst)
        .flatlineMinReadings(flatlineMinReadings)
        .trendHorizonMs(trendHorizonMs)
        .exposureMaxMs(exposureMaxMs)
        .exposureWindowMs(exposureWindowMs)
        .defrostMaxMs(defrostMaxMs)
        .defrostCeilingC(defrostCeilingC)
        .defrostEveryMs(defrostEveryMs)
        .detectors(detectors);
  }

  public Thresholds withHighC(double value) {
    return toBuilder().highC(value).build();
  }

  public Thresholds withLowC(double value) {
    return toBuilder().lowC(value).build();
  }

  public Thresholds withHysteresisC(double value) {
    return toBuilder().hysteresisC(value).build();
  }

  public Thresholds withMaxRateCPerMin(double value) {
    return toBuilder().maxRateCPerMin(value).build();
  }

  public Thresholds withMinDuration(Duration value) {
    return toBuilder().minDurationMs(value.toMillis()).build();
  }

  public Thresholds withSpikeZ(double value) {
    return toBuilder().spikeZ(value).build();
  }

  public Thresholds withSpikeMinDeltaC(double value) {
    return toBuilder().spikeMinDeltaC(value).build();
  }

  public Thresholds withFlatline(Duration value) {
    return toBuilder().flatlineMs(value.toMillis()).build();
  }

  public Thresholds withFaultBurst(int value) {
    return toBuilder().faultBurst(value).build();
  }

  public Thresholds withDetectors(Set<AlarmKind> value) {
    return toBuilder().detectors(value).build();
  }

  /**
   * The thresholds for a sensor with {@code config}: its profile's defaults (these thresholds for
   * {@link SensorProfile#CUSTOM} or no profile), then the fields the config sets; an override that
   * would put LOW at or above HIGH is ignored as a whole, and the profile's thresholds stay.
   */
  public Thresholds with(SensorConfig config) {
    if (config == null) {
      return this;
    }
    Thresholds base = config.profile() == null ? this : config.profile().thresholds(this);
    double high = config.highC() != null ? config.highC() : base.highC;
    double low = config.lowC() != null ? config.lowC() : base.lowC;
    if (!(low < high)) {
      return base;
    }
    Builder b = base.toBuilder().highC(high).lowC(low);
    if (config.hysteresisC() != null) {
      b.hysteresisC(config.hysteresisC());
    }
    if (config.maxRateCPerMin() != null) {
      b.maxRateCPerMin(config.maxRateCPerMin());
    }
    if (config.minDurationS() != null) {
      b.minDurationMs(config.minDurationS() * 1000);
    }
    if (config.spikeZ() != null) {
      b.spikeZ(config.spikeZ());
    }
    return b.build();
  }

  /** Builds {@link Thresholds} field by field. */
  public static final class Builder {
    private double highC;
    private double lowC;
    private double hysteresisC;
    private double maxRateCPerMin;
    private long minDurationMs;
    private double spikeZ;
    private double spikeMinDeltaC;
    private long flatlineMs;
    private int faultBurst;
    private int flatlineMinReadings;
    private long trendHorizonMs;
    private long exposureMaxMs;
    private long exposureWindowMs;
    private long defrostMaxMs;
    private double defrostCeilingC;
    private long defrostEveryMs;
    private Set<AlarmKind> detectors;

    private Builder() {}

    public Builder highC(double value) {
      highC = value;
      return this;
    }

    public Builder lowC(double value) {
      lowC = value;
      return this;
    }

    public Builder hysteresisC(double value) {
      hysteresisC = value;
      return this;
    }

    public Builder maxRateCPerMin(double value) {
      maxRateCPerMin = value;
      return this;
    }

    public Builder minDurationMs(long value) {
      minDurationMs = value;
      return this;
    }

    public Builder spikeZ(double value) {
      spikeZ = value;
      return this;
    }

    public Builder spikeMinDeltaC(double value) {
      spikeMinDeltaC = value;
      return this;
    }

    public Builder flatlineMs(long value) {
      flatlineMs = value;
      return this;
    }

    public Builder faultBurst(int value) {
      faultBurst = value;
      return this;
    }

    public Builder flatlineMinReadings(int value) {
      flatlineMinReadings = value;
      return this;
    }

    public Builder trendHorizonMs(long value) {
      trendHorizonMs = value;
      return this;
    }

    public Builder exposureMaxMs(long value) {
      exposureMaxMs = value;
      return this;
    }

    public Builder exposureWindowMs(long value) {
      exposureWindowMs = value;
      return this;
    }

    public Builder defrostMaxMs(long value) {
      defrostMaxMs = value;
      return this;
    }

    public Builder defrostCeilingC(double value) {
      defrostCeilingC = value;
      return this;
    }

    public Builder defrostEveryMs(long value) {
      defrostEveryMs = value;
      return this;
    }

    public Builder detectors(Set<AlarmKind> value) {
      detectors = value;
      return this;
    }

    public Thresholds build() {
      return new Thresholds(
          highC,
          lowC,
          hysteresisC,
          maxRateCPerMin,
          minDurationMs,
          spikeZ,
          spikeMinDeltaC,
          flatlineMs,
          faultBurst,
          flatlineMinReadings,
          trendHorizonMs,
          exposureMaxMs,
          exposureWindowMs,
          defrostMaxMs,
          defrostCeilingC,
          defrostEveryMs,
          detectors);
    }
  }
}
