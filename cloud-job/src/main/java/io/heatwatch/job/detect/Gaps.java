package io.heatwatch.job.detect;

/**
 * How much event time one OK reading stands for, for the time weights of EXPOSURE and of the
 * excursion summary, and the sensor's usual interval for TREND's buckets: the shortest of the
 * latest three intervals in the ring, so one gap in the data does not inflate it. O(3) array reads.
 */
final class Gaps {
  /** A gap counts as at most this many usual intervals: a gap in the data is no exposure. */
  static final int MAX_INTERVALS = 3;

  private Gaps() {}

  /** The usual interval (ms), 0 while the ring has no positive interval. */
  static long usual(SensorState state) {
    long usual = Long.MAX_VALUE;
    for (int i = 0; i + 1 < Math.min(state.size, 4); i++) {
      long interval = state.time(i) - state.time(i + 1);
      if (interval > 0) {
        usual = Math.min(usual, interval);
      }
    }
    return usual == Long.MAX_VALUE ? 0 : usual;
  }

  /**
   * The time (ms) a reading at {@code now} stands for: the gap since the previous OK reading, at
   * most {@link #MAX_INTERVALS} usual intervals; 0 for the first reading or a step back.
   */
  static long weight(SensorState state, long now) {
    if (state.size == 0) {
      return 0;
    }
    long gap = now - state.time(0);
    if (gap <= 0) {
      return 0;
    }
    long usual = usual(state);
    return usual == 0 ? gap : Math.min(gap, MAX_INTERVALS * usual);
  }
}
