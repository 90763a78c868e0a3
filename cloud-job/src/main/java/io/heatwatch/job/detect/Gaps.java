package io.heatwatch.job.detect;

/**
 * How much event time one OK reading stands for, for the time weights of EXPOSURE and of the
 * excursion summary: the gap since the previous OK reading, at most {@link #MAX_INTERVALS} of the
 * sensor's learned {@link Cadence}, so a gap in the data (a power cut, a radio outage) is not
 * counted as time spent at the next value.
 */
final class Gaps {
  /** A gap counts as at most this many usual intervals. */
  static final int MAX_INTERVALS = 3;

  private Gaps() {}

  /**
   * The time (ms) a reading at {@code now} stands for; 0 for the first reading or a step back, the
   * whole gap while no cadence is known.
   */
  static long weight(SensorState state, long now) {
    if (state.size == 0) {
      return 0;
    }
    long gap = now - state.time(0);
    if (gap <= 0) {
      return 0;
    }
    long usual = Cadence.usual(state);
    return usual == 0 ? gap : Math.min(gap, MAX_INTERVALS * usual);
  }
}
