package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;

/**
 * The summary a HIGH or LOW alarm carries when it clears ({@link Alarm.Excursion}): duration from
 * the first reading beyond the threshold to the clear, peak, time-weighted mean and mean kinetic
 * temperature (USP &lt;1160&gt;), kept O(1) per reading in a small array of the state: an excursion
 * starts at the first reading beyond the threshold and is forgotten when no alarm of its kind is
 * open or pending any more (a door that closed in time).
 *
 * <p>Each value stands for the time until the next reading (at most a few usual intervals, {@link
 * Gaps#weight}), so the mean and MKT are time-weighted whatever the cadence.
 */
final class Excursions {
  /** ΔH/R of USP &lt;1160&gt;: 83.144 kJ/mol over 8.3144 J/(mol·K), in kelvin. */
  static final double DH_OVER_R_K = 83_144 / 8.3144;

  static final double KELVIN = 273.15;

  private static final int START = 0;
  private static final int LAST_T = 1;
  private static final int LAST_V = 2;
  private static final int PEAK = 3;
  private static final int WEIGHT = 4;
  private static final int SUM_V = 5;
  private static final int SUM_K = 6;
  private static final int SIZE = 7;

  private Excursions() {}

  /**
   * Adds an OK reading: closes the previous value's interval, and starts (or extends) the HIGH or
   * LOW excursion the value is beyond. Cheap when nothing is beyond: two comparisons.
   */
  static void observe(SensorState state, double v, long now, long weight, double high, double low) {
    if (state.highExcursion != null || v > high) {
      state.highExcursion = step(state.highExcursion, v, now, weight, true);
    }
    if (state.lowExcursion != null || v < low) {
      state.lowExcursion = step(state.lowExcursion, v, now, weight, false);
    }
  }

  /**
   * Every reading from the first beyond the threshold to the clear belongs to the excursion (those
   * in the hysteresis band too); the clearing reading only closes the interval before it.
   */
  private static double[] step(double[] e, double v, long now, long weight, boolean high) {
    if (e == null) {
      e = new double[SIZE];
      e[START] = now;
      e[PEAK] = v;
    } else {
      add(e, e[LAST_V], Math.max(0, Math.min(weight, now - (long) e[LAST_T])));
      e[PEAK] = high ? Math.max(e[PEAK], v) : Math.min(e[PEAK], v);
    }
    e[LAST_T] = now;
    e[LAST_V] = v;
    return e;
  }

  private static void add(double[] e, double v, double w) {
    e[WEIGHT] += w;
    e[SUM_V] += w * v;
    e[SUM_K] += w * Math.exp(-DH_OVER_R_K / (v + KELVIN));
  }

  /**
   * The summary of the {@code kind} excursion ending at {@code now}, and forgets it; {@code null}
   * if none is kept.
   */
  static Alarm.Excursion end(SensorState state, AlarmKind kind, long now) {
    double[] e = kind == AlarmKind.HIGH ? state.highExcursion : state.lowExcursion;
    if (e == null) {
      return null;
    }
    forget(state, kind);
    return summary(e, now);
  }

  /** Forgets the {@code kind} excursion. */
  static void forget(SensorState state, AlarmKind kind) {
    if (kind == AlarmKind.HIGH) {
      state.highExcursion = null;
    } else {
      state.lowExcursion = null;
    }
  }

  /** Forgets an excursion whose alarm is neither open nor pending (it ended without one). */
  static void forgetIdle(SensorState state, AlarmTracks tracks) {
    if (state.highExcursion != null && idle(tracks, AlarmKind.HIGH)) {
      state.highExcursion = null;
    }
    if (state.lowExcursion != null && idle(tracks, AlarmKind.LOW)) {
      state.lowExcursion = null;
    }
  }

  private static boolean idle(AlarmTracks tracks, AlarmKind kind) {
    return tracks.open(kind) == null && tracks.pendingSince(kind) == AlarmTracks.NONE;
  }

  private static Alarm.Excursion summary(double[] e, long now) {
    long durationS = Math.max(0, (now - (long) e[START]) / 1000);
    if (!(e[WEIGHT] > 0)) {
      return new Alarm.Excursion(durationS, e[PEAK], e[PEAK], e[PEAK]);
    }
    double mean = e[SUM_V] / e[WEIGHT];
    return new Alarm.Excursion(durationS, e[PEAK], mean, mkt(e[SUM_K] / e[WEIGHT]));
  }

  /** Mean kinetic temperature (°C) from the weighted mean of exp(−ΔH/(R·T)). */
  static double mkt(double meanBoltzmann) {
    return DH_OVER_R_K / -Math.log(meanBoltzmann) - KELVIN;
  }
}
