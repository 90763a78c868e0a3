package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;

/**
 * TREND: the sensor's recent trend will cross HIGH (or LOW) within {@code trendHorizonMs} while the
 * value is still inside, so a failing compressor's slow rise alarms before HIGH does. WARNING.
 *
 * <p>The 31-reading ring is five minutes at 10 s cadence, too short for a trend of degrees per
 * hour, so TREND keeps its own history: up to {@value #POINTS} bucket means of about {@value
 * #BUCKET_MS} ms each (one reading per bucket at slower cadences), updated O(1) per reading; the
 * lines are fitted only when a bucket closes ({@link TrendFit}). A forecast needs enough readings
 * and enough time, at least {@value #MIN_POINTS} buckets over at least {@value #MIN_SPAN_MS} ms,
 * and a trend, not a door or a return: every bucket inside HIGH and LOW, a line that explains the
 * data, a level that really moved, a newer half that keeps the pace, and two newest steps that
 * confirm it. Where the profile defrosts, a rise faster than {@value
 * TrendFit#MAX_COLD_RATE_C_PER_H} °C/h is a defrost or a door as far as a forecast can tell (a
 * failing compressor rises 2–6 °C/h), and no TREND opens while a learned defrost is due. The
 * forecast reaches no further than the time the line was fitted over.
 *
 * <p>It clears when the forecast no longer crosses within {@value #CLEAR_HORIZONS} horizons, or
 * once the value is beyond the threshold (HIGH takes over). One episode is one alarm: after the
 * value went beyond, TREND stays spent until the forecast stops crossing, and one that cleared on
 * its forecast does not reopen within a horizon.
 */
final class TrendDetector implements Detector {
  static final int POINTS = 16;
  static final long BUCKET_MS = 120_000;
  static final int MIN_POINTS = 4;
  static final long MIN_SPAN_MS = 15 * 60_000;

  private final TrendFit fit = new TrendFit();

  /** The forecast clears only beyond this many horizons. */
  static final double CLEAR_HORIZONS = 1.5;

  @Override
  public AlarmKind kind() {
    return AlarmKind.TREND;
  }

  @Override
  public Signal judge(SensorState state, Reading reading, Thresholds t) {
    if (!reading.quality().usable()) {
      return null;
    }
    double v = reading.tempC();
    long now = reading.ts().toEpochMilli();
    observe(state, v, now, t);
    // Without an open TREND only an opening signal changes anything: no Signal is made otherwise.
    boolean open = state.open[AlarmSlots.of(AlarmKind.TREND)] != null;
    if (v > t.highC() || v < t.lowC()) {
      state.trendSpent = true;
      if (!open) {
        return null;
      }
      return Signal.inactive(
          v,
          v > t.highC() ? t.highC() : t.lowC(),
          "%s %.2f °C, beyond the threshold %.2f °C its trend was heading for");
    }
    if (state.trendSide == 0) {
      return cleared(state, open, v, now, t);
    }
    double eta = state.trendEtaMin - (now - state.trendAt) / 60_000.0;
    double horizon = t.trendHorizonMs() / 60_000.0;
    double reach = Math.min(horizon, state.trendSpanMs / 60_000.0);
    double threshold = state.trendSide > 0 ? t.highC() : t.lowC();
    if (eta <= reach
        && state.trendSteady
        && !(t.defrosts() && DefrostGate.expected(state, now, t))) {
      if (state.trendSpent || now < state.trendQuietUntil) {
        return open ? Signal.hold(v, threshold) : null;
      }
      return Signal.active(
          Severity.WARNING,
          Math.max(eta, 0),
          threshold,
          state.trendSide > 0
              ? "%s trending up: the HIGH threshold %3$.2f °C in about %2$.0f min"
              : "%s trending down: the LOW threshold %3$.2f °C in about %2$.0f min");
    }
    if (eta <= CLEAR_HORIZONS * horizon) {
      return open ? Signal.hold(v, threshold) : null;
    }
    return cleared(state, open, v, now, t);
  }

  /**
   * The forecast no longer crosses: the episode is over. A TREND that clears here stays quiet for
   * one horizon, so a rise that pauses and goes on is one alarm.
   */
  private static Signal cleared(SensorState state, boolean open, double v, long now, Thresholds t) {
    state.trendSpent = false;
    if (!open) {
      return null;
    }
    state.trendQuietUntil = now + t.trendHorizonMs();
    return Signal.inactive(v, t.highC(), "%s %.2f °C, no longer trending towards a threshold");
  }

  /** Adds the reading to the open bucket; closes it and fits when the next would not fit in. */
  private void observe(SensorState state, double v, long now, Thresholds t) {
    if (state.trendTimes == null) {
      state.trendTimes = new long[POINTS];
      state.trendValues = new double[POINTS];
    }
    long latest =
        state.trendBucketCount > 0
            ? state.trendBucketStart
            : state.trendSize > 0 ? TrendFit.time(state, 0) : now;
    if (now < latest || now - latest > TrendFit.FIT_MS) {
      // The clock went back, or the data has a gap longer than a line is fitted over: the history
      // no longer says anything about now, and neither does a forecast made from it.
      state.trendSize = 0;
      state.trendBucketCount = 0;
      state.trendSide = 0;
    }
    if (state.trendBucketCount > 0 && now - state.trendBucketStart >= BUCKET_MS) {
      close(state, t, now);
    }
    if (state.trendBucketCount == 0) {
      state.trendBucketStart = now;
      state.trendBucketSumDt = 0;
      state.trendBucketSumV = 0;
    }
    state.trendBucketCount++;
    state.trendBucketSumDt += now - state.trendBucketStart;
    state.trendBucketSumV += v;
    if (now - state.trendBucketStart + Cadence.usual(state) >= BUCKET_MS) {
      close(state, t, now);
    }
  }

  private void close(SensorState state, Thresholds t, long now) {
    int n = state.trendBucketCount;
    long time = state.trendBucketStart + Math.round(state.trendBucketSumDt / n);
    state.trendTimes[state.trendNext] = time;
    state.trendValues[state.trendNext] = state.trendBucketSumV / n;
    state.trendNext = (state.trendNext + 1) % POINTS;
    state.trendSize = Math.min(state.trendSize + 1, POINTS);
    state.trendBucketCount = 0;
    fit.fit(state, t, now);
  }
}
