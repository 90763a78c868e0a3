package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;

/**
 * RATE_OF_CHANGE: the sensor's level moves faster than {@code maxRateCPerMin} per minute of event
 * time, measured over at least {@value #WINDOW_MS} ms and between levels at least {@value
 * #SPAN_CADENCES} of the sensor's {@link Cadence cadences} apart. Levels are medians of up to
 * {@value #LEVEL} neighbouring readings, so a spike of up to three readings does not count as a
 * rate (that is SPIKE's business; with five, a three-reading spike opened RATE_OF_CHANGE twice,
 * once when it came and once when it left the earlier level). At slower cadences a level takes
 * fewer readings, so that it lags at most about {@value #LEVEL_LAG_MS} ms, but never fewer than
 * three: a one-reading spike is no rate at any cadence. CRITICAL at three times the limit.
 *
 * <p>One alarm per episode: a ramp up and its way back are one alarm. Once open, it clears only
 * after the rate has stayed below half the limit for a quiet time (at least {@value #QUIET_MS} ms
 * and {@value #QUIET_CADENCES} cadences); until then a rate over the limit of either sign keeps the
 * same alarm. Clearing on the first quiet reading opened a second alarm for nearly every ramp: the
 * rate passes through zero where the ramp turns.
 */
final class RateOfChangeDetector implements Detector {
  /** The shortest span a rate is measured over. */
  static final long WINDOW_MS = 120_000;

  /** ...and the fewest cadences. */
  static final int SPAN_CADENCES = 2;

  /** How many neighbouring readings a level is the median of, at most. */
  static final int LEVEL = 7;

  /** How far a level may lag behind its newest reading: fewer readings at slow cadences. */
  static final long LEVEL_LAG_MS = 600_000;

  /** The shortest quiet time that ends an episode... */
  static final long QUIET_MS = 600_000;

  /** ...and the fewest cadences. */
  static final int QUIET_CADENCES = 3;

  private final double[] level = new double[LEVEL];

  @Override
  public AlarmKind kind() {
    return AlarmKind.RATE_OF_CHANGE;
  }

  @Override
  public boolean waitsMinDuration() {
    return true;
  }

  @Override
  public Signal judge(SensorState state, Reading reading, Thresholds t) {
    if (!reading.quality().usable()) {
      return null;
    }
    long now = reading.ts().toEpochMilli();
    long cadence = Cadence.usual(state);
    int size = levelSize(cadence);
    // The level now is the middle of its readings, size / 2 readings back: the level then is at
    // least SPAN_CADENCES readings before it.
    long span = Math.max(WINDOW_MS, (size / 2 + SPAN_CADENCES) * cadence);
    int then = firstBefore(state, now - span);
    double limit = t.maxRateCPerMin();
    if (then < 0 || state.size < 2) {
      return episode(state, now, cadence, 0, limit);
    }
    // The level now: the reading and the newest size - 1 before it; the level then: the readings
    // from..to around `then`. Each level's time is the middle of the readings it is taken from.
    int nowCount = Math.min(size - 1, state.size) + 1;
    long timeNow = nowCount >= 3 ? state.time((nowCount - 1) / 2 - 1) : now;
    int from = Math.max(then - size / 2, 0);
    int to = Math.min(then + size / 2, state.size - 1);
    long timeThen = state.time(from + (to - from) / 2);
    if (timeNow <= timeThen) {
      return episode(state, now, cadence, 0, limit);
    }
    double minutes = (timeNow - timeThen) / 60_000.0;
    double x = reading.tempC();
    if (Detector.idle(state, AlarmKind.RATE_OF_CHANGE)
        && spread(state, x, Math.max(to, nowCount - 2), limit / 2 * minutes)) {
      // Two medians differ by no more than the spread of the readings they are taken from: a rate
      // of at most half the limit (nearly every reading), which with nothing open or pending
      // changes nothing but the quiet time, as a rate of 0 does. The medians are not needed.
      return episode(state, now, cadence, 0, limit);
    }
    level[0] = x;
    int n = 1;
    for (int i = 0; i < nowCount - 1; i++) {
      level[n++] = state.value(i);
    }
    double levelNow = SpikeDetector.median(level, n);
    n = 0;
    for (int i = from; i <= to; i++) {
      level[n++] = state.value(i);
    }
    double levelThen = SpikeDetector.median(level, n);
    return episode(state, now, cadence, (levelNow - levelThen) / minutes, limit);
  }

  /**
   * Whether {@code x} and the newest {@code last + 1} readings lie within {@code bound} of each
   * other.
   */
  private static boolean spread(SensorState state, double x, int last, double bound) {
    double min = x;
    double max = x;
    for (int i = 0; i <= last; i++) {
      double v = state.value(i);
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (max - min > bound) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index (0 the newest) of the newest reading at or before {@code time}, -1 if none: a walk
   * over the ring's slots, as it runs for every reading.
   */
  private static int firstBefore(SensorState state, long time) {
    int slot = state.next;
    for (int i = 0; i < state.size; i++) {
      slot = slot == 0 ? SensorState.WINDOW - 1 : slot - 1;
      if (state.times[slot] <= time) {
        return i;
      }
    }
    return -1;
  }

  /** How many readings a level is the median of at {@code cadence} (0: not known yet). */
  static int levelSize(long cadence) {
    long half = cadence <= 0 ? LEVEL / 2 : LEVEL_LAG_MS / cadence;
    return 2 * (int) Math.max(1, Math.min(half, LEVEL / 2)) + 1;
  }

  /**
   * The signal for {@code rate}, holding an open alarm until its episode has been quiet. The quiet
   * time is kept whether an alarm is open or not: with none open, HOLD and INACTIVE do the same
   * (nothing), so the open alarm need not be looked up for every reading.
   */
  private static Signal episode(
      SensorState state, long now, long cadence, double rate, double limit) {
    if (Math.abs(rate) > limit) {
      state.rateQuietSince = 0;
      Severity severity = Math.abs(rate) > 3 * limit ? Severity.CRITICAL : Severity.WARNING;
      return Signal.active(severity, rate, limit, "%s changing at %.2f °C/min, limit %.2f °C/min");
    }
    if (Math.abs(rate) > limit / 2) {
      state.rateQuietSince = 0;
      return Detector.idle(state, AlarmKind.RATE_OF_CHANGE) ? null : Signal.hold(rate, limit);
    }
    if (state.rateQuietSince == 0 || now < state.rateQuietSince) {
      // 0: not quiet before (or state from before the field); later than now: a clock step back.
      state.rateQuietSince = now;
    }
    if (Detector.idle(state, AlarmKind.RATE_OF_CHANGE)) {
      return null;
    }
    if (now - state.rateQuietSince < Math.max(QUIET_MS, QUIET_CADENCES * cadence)) {
      return Signal.hold(rate, limit);
    }
    return Signal.inactive(rate, limit, "%s changing at %.2f °C/min again, limit %.2f °C/min");
  }
}
