package io.heatwatch.edge;

import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;

/**
 * What the device's own check compares a sensor with, from the config the cloud last sent: the
 * config's thresholds, or its profile's where it names one (the profile's HIGH, LOW, hysteresis,
 * alarm delay and defrost tolerance, as the job applies them), so a freezer's LED does not light
 * for every defrost. A config without a profile (or CUSTOM) checks only the thresholds it sets: the
 * device does not know the job's own defaults.
 *
 * @param highC above this is beyond, {@code null} for no upper limit
 * @param lowC below this is beyond, {@code null} for no lower limit
 * @param hysteresisC how far back inside a limit a reading must be to end the alarm
 * @param delayMs how long a sensor must stay beyond before the outputs switch on
 * @param defrostCeilingC a rise above HIGH up to this is a defrost, {@code +inf} for none
 * @param defrostMaxMs how long a defrost may last before it alarms, 0 for no defrost
 */
record LocalLimits(
    Double highC,
    Double lowC,
    double hysteresisC,
    long delayMs,
    double defrostCeilingC,
    long defrostMaxMs) {

  static LocalLimits of(SensorConfig c) {
    SensorProfile profile = c.profile();
    if (profile == null || profile == SensorProfile.CUSTOM) {
      long delayMs = c.minDurationS() == null ? 0 : c.minDurationS() * 1000;
      double h = c.hysteresisC() == null ? 0.0 : c.hysteresisC();
      return new LocalLimits(c.highC(), c.lowC(), h, delayMs, Double.POSITIVE_INFINITY, 0);
    }
    Thresholds t = Thresholds.DEFAULTS.with(c);
    return new LocalLimits(
        t.highC(),
        t.lowC(),
        t.hysteresisC(),
        t.minDurationMs(),
        t.defrostCeilingC(),
        t.defrostMaxMs());
  }

  boolean beyond(double t) {
    return (highC != null && t > highC) || (lowC != null && t < lowC);
  }

  boolean within(double t) {
    return (highC == null || t < highC - hysteresisC) && (lowC == null || t > lowC + hysteresisC);
  }

  /** How long a sensor at {@code t} must stay beyond before it alarms. */
  long delayAt(double t) {
    boolean defrost = defrostMaxMs > 0 && highC != null && t > highC && t <= defrostCeilingC;
    return defrost ? Math.max(delayMs, defrostMaxMs) : delayMs;
  }
}
