package io.heatwatch.job.detect;

/**
 * A sensor's cadence, the usual event time between its OK readings, learned from its own readings
 * rather than configured (one reading per 5 s to one per hour are all in use).
 *
 * <p>It is the median of the latest three gaps of the ring, so one missing reading (a gap of two
 * cadences) or a power cut (one gap of hours) does not move it, while a sensor that changes its
 * cadence is followed after two readings. Missing readings only ever lengthen gaps, so with fewer
 * than three gaps it is the shorter one. Gaps are absolute values, so a reading out of order (a
 * device clock step) skews it for three readings at most, and a gap of 0 (two readings with one
 * time) tells nothing. A few array reads per reading: no allocation, no sort.
 */
final class Cadence {
  /** How many recent gaps the cadence is the median of. */
  static final int GAPS = 3;

  private Cadence() {}

  /**
   * The cadence (ms) of the readings now in {@code state}'s ring; {@code 0} when they do not tell
   * (fewer than two readings, or all at one time).
   */
  static int learn(SensorState state) {
    int gaps = Math.min(state.size - 1, GAPS);
    if (gaps <= 0) {
      return 0;
    }
    long a = gap(state, 0);
    if (gaps == 1) {
      return clamp(a);
    }
    long b = gap(state, 1);
    if (gaps == 2) {
      return clamp(positiveMin(a, b));
    }
    long c = gap(state, 2);
    if (a == 0 || b == 0 || c == 0) {
      return clamp(positiveMin(positiveMin(a, b), c));
    }
    return clamp(Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)));
  }

  /**
   * {@code state}'s cadence (ms): the learned one, or in state restored from before it was learned
   * (field 0) what its ring tells; {@code 0} if nothing tells yet.
   */
  static long usual(SensorState state) {
    return state.cadenceMs > 0 ? state.cadenceMs : learn(state);
  }

  /** The gap between the {@code i}-th and the {@code (i+1)}-th most recent readings. */
  private static long gap(SensorState state, int i) {
    return Math.abs(state.time(i) - state.time(i + 1));
  }

  /** The smaller of two gaps, a gap of 0 counting as none. */
  private static long positiveMin(long a, long b) {
    if (a == 0) {
      return b;
    }
    return b == 0 ? a : Math.min(a, b);
  }

  private static int clamp(long gap) {
    return (int) Math.min(gap, Integer.MAX_VALUE);
  }
}
