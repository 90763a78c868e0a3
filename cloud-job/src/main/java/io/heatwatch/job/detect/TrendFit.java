package io.heatwatch.job.detect;

import io.heatwatch.model.Thresholds;

/**
 * The forecast TREND opens on, made once per closed bucket from TREND's bucket means in the state
 * (O(points)): a least-squares line over the buckets of the latest {@value #FIT_MS} ms (at least
 * {@link TrendDetector#MIN_POINTS}), and one over its newer half, which gives the level now and,
 * with the whole line, the pace. Leaves its verdict in the state: the side the line heads for,
 * minutes to cross from now, whether the trend is steady enough to open TREND, and the time it
 * spans. Holds the two lines between calls so nothing is allocated; one per detector instance.
 */
final class TrendFit {
  /** The time the line is fitted over. */
  static final long FIT_MS = 40 * 60_000;

  /** A line that explains less of the variance than this is no trend. */
  static final double MIN_R2 = 0.5;

  /** Share of the line's predicted change the level must really have made. */
  static final double MIN_TRAVEL = 0.5;

  /**
   * The newer half's slope must be at least this share of the whole line's: a level settling back
   * after a door or a defrost slows down as it returns, a failing compressor's rise does not.
   */
  static final double MIN_RECENT_SHARE = 0.5;

  /**
   * Where the profile defrosts: a rise faster than this (over the line, its newer half or the
   * newest step) is a defrost or a door, not a trend; a failing compressor rises 2–6 °C/h.
   */
  static final double MAX_COLD_RATE_C_PER_H = 10.0;

  /** The latest line's slope (°C/min), its value at the newest bucket, and its R². */
  private double slope;

  private double intercept;
  private double r2;

  /** The {@code i}-th newest bucket's time. */
  static long time(SensorState state, int i) {
    return state.trendTimes[slot(state, i)];
  }

  private static double value(SensorState state, int i) {
    return state.trendValues[slot(state, i)];
  }

  private static int slot(SensorState state, int i) {
    int slot = state.trendNext - 1 - i;
    return slot < 0 ? slot + TrendDetector.POINTS : slot;
  }

  /** Fits the buckets in {@code state} and leaves the forecast for {@code now} there. */
  void fit(SensorState state, Thresholds t, long now) {
    state.trendSide = 0;
    state.trendSteady = false;
    long newest = time(state, 0);
    int n = 0;
    boolean inside = true;
    while (n < state.trendSize
        && (n < TrendDetector.MIN_POINTS || newest - time(state, n) <= FIT_MS)) {
      double v = value(state, n);
      inside &= v <= t.highC() && v >= t.lowC();
      n++;
    }
    long span = n == 0 ? 0 : newest - time(state, n - 1);
    if (n < TrendDetector.MIN_POINTS || span < TrendDetector.MIN_SPAN_MS || !line(state, 0, n)) {
      return;
    }
    double whole = slope;
    double wholeR2 = r2;
    if (!line(state, 0, Math.max(2, n / 2))) {
      return;
    }
    double recent = slope;
    double level = intercept + recent * (now - newest) / 60_000.0;
    // The forecast goes at the slower of the two slopes: a pace both halves support.
    double pace = Math.abs(recent) < Math.abs(whole) ? recent : whole;
    boolean agree = recent / whole >= MIN_RECENT_SHARE;
    state.trendSide = whole > 0 ? 1 : -1;
    double threshold = whole > 0 ? t.highC() : t.lowC();
    state.trendEtaMin = agree ? Math.max(0, (threshold - level) / pace) : Double.MAX_VALUE;
    state.trendAt = now;
    state.trendSpanMs = span;
    state.trendSteady =
        inside
            && agree
            && wholeR2 >= MIN_R2
            && travelled(state, n, whole)
            && confirmed(state, whole)
            && (!t.defrosts() || slowEnough(state, whole, recent));
  }

  /** Where the profile defrosts: whether nothing in the window rises like a defrost or a door. */
  private static boolean slowEnough(SensorState state, double whole, double recent) {
    double limit = MAX_COLD_RATE_C_PER_H / 60;
    double step =
        (value(state, 0) - value(state, 1)) * 60_000.0 / (time(state, 0) - time(state, 1));
    return Math.abs(whole) <= limit && Math.abs(recent) <= limit && Math.abs(step) <= limit;
  }

  /**
   * Whether the newest two steps between buckets both go the line's way, each by at least {@value
   * #MIN_TRAVEL} of what the line predicts for it: one reading (a door seen at a slow cadence) is
   * no trend until the next confirms it.
   */
  private static boolean confirmed(SensorState state, double slope) {
    return step(state, 0, slope) >= MIN_TRAVEL && step(state, 1, slope) >= MIN_TRAVEL;
  }

  /** The step from bucket {@code i + 1} to {@code i}, as a share of what the line predicts. */
  private static double step(SensorState state, int i, double slope) {
    double predicted = slope * (time(state, i) - time(state, i + 1)) / 60_000.0;
    return (value(state, i) - value(state, i + 1)) / predicted;
  }

  /**
   * Whether the level really moved the way the line says over the fitted time: the newest two
   * buckets differ from the oldest two by at least {@value #MIN_TRAVEL} of what the line predicts.
   * A bump that came and went (a door opened and closed) tilts a line without the level going
   * anywhere.
   */
  private static boolean travelled(SensorState state, int n, double slope) {
    double newer = (value(state, 0) + value(state, 1)) / 2;
    double older = (value(state, n - 1) + value(state, n - 2)) / 2;
    double minutes =
        (time(state, 0) + time(state, 1) - time(state, n - 1) - time(state, n - 2)) / 120_000.0;
    return (newer - older) / slope >= MIN_TRAVEL * minutes;
  }

  /**
   * Fits a least-squares line over the {@code from}-th to the {@code to - 1}-th newest buckets
   * (time in minutes from the newest bucket); {@code false} when they do not determine a sloped
   * line.
   */
  private boolean line(SensorState state, int from, int to) {
    long newest = time(state, 0);
    int m = to - from;
    double sx = 0;
    double sy = 0;
    for (int i = from; i < to; i++) {
      sx += (time(state, i) - newest) / 60_000.0;
      sy += value(state, i);
    }
    double mx = sx / m;
    double my = sy / m;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = from; i < to; i++) {
      double dx = (time(state, i) - newest) / 60_000.0 - mx;
      double dy = value(state, i) - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx <= 0 || syy <= 0 || sxy == 0) {
      return false;
    }
    slope = sxy / sxx;
    intercept = my - slope * mx;
    r2 = sxy * sxy / (sxx * syy);
    return true;
  }
}
