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
    int then = -1;
    for (int i = 0; i < state.size; i++) {
      if (now - state.time(i) >= span) {
        then = i;
        break;
      }
    }
    if (then < 0 || state.size < 2) {
      return episode(state, now, cadence, 0, t.maxRateCPerMin());
    }
    level[0] = reading.tempC();
    int n = 1;
    for (int i = 0; i < size - 1 && i < state.size; i++) {
      level[n++] = state.value(i);
    }
    double levelNow = SpikeDetector.median(level, n);
    // The level is the middle of the readings it was taken from, so is its time.
    long timeNow = n >= 3 ? state.time((n - 1) / 2 - 1) : now;
    int from = Math.max(then - size / 2, 0);
    n = 0;
    for (int i = from; i <= then + size / 2 && i < state.size; i++) {
      level[n++] = state.value(i);
    }
    double levelThen = SpikeDetector.median(level, n);
    long timeThen = state.time(from + (n - 1) / 2);
    if (timeNow <= timeThen) {
      return episode(state, now, cadence, 0, t.maxRateCPerMin());
    }
    double minutes = (timeNow - timeThen) / 60_000.0;
    return episode(state, now, cadence, (levelNow - levelThen) / minutes, t.maxRateCPerMin());
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
      return Signal.hold(rate, limit);
    }
    if (state.rateQuietSince == 0 || now < state.rateQuietSince) {
      // 0: not quiet before (or state from before the field); later than now: a clock step back.
      state.rateQuietSince = now;
    }
    if (now - state.rateQuietSince < Math.max(QUIET_MS, QUIET_CADENCES * cadence)) {
      return Signal.hold(rate, limit);
    }
    return Signal.inactive(rate, limit, "%s changing at %.2f °C/min again, limit %.2f °C/min");
  }
}
