package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;

/**
 * RATE_OF_CHANGE: the sensor's level moves faster than {@code maxRateCPerMin}, measured over at
 * least {@value #WINDOW_MS} ms. Levels are medians of {@value #LEVEL} neighbouring readings, so a
 * spike of up to three readings does not count as a rate (that is SPIKE's business; with five, a
 * three-reading spike opened RATE_OF_CHANGE twice, once when it came and once when it left the
 * earlier level). CRITICAL at three times the limit; clears below half of it.
 */
final class RateOfChangeDetector implements Detector {
  /** The shortest span a rate is measured over. */
  static final long WINDOW_MS = 120_000;

  /** How many neighbouring readings a level is the median of. */
  static final int LEVEL = 7;

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
    int then = -1;
    for (int i = 0; i < state.size; i++) {
      if (now - state.time(i) >= WINDOW_MS) {
        then = i;
        break;
      }
    }
    if (then < 0 || state.size < 2) {
      return Signal.inactive(0, t.maxRateCPerMin(), "");
    }
    level[0] = reading.tempC();
    int n = 1;
    for (int i = 0; i < LEVEL - 1 && i < state.size; i++) {
      level[n++] = state.value(i);
    }
    double levelNow = SpikeDetector.median(level, n);
    // The level is the middle of the readings it was taken from, so is its time.
    long timeNow = n >= 3 ? state.time((n - 1) / 2 - 1) : now;
    int from = Math.max(then - LEVEL / 2, 0);
    n = 0;
    for (int i = from; i <= then + LEVEL / 2 && i < state.size; i++) {
      level[n++] = state.value(i);
    }
    double levelThen = SpikeDetector.median(level, n);
    long timeThen = state.time(from + (n - 1) / 2);
    if (timeNow <= timeThen) {
      return Signal.inactive(0, t.maxRateCPerMin(), "");
    }
    double minutes = (timeNow - timeThen) / 60_000.0;
    double rate = (levelNow - levelThen) / minutes;
    double limit = t.maxRateCPerMin();
    if (Math.abs(rate) > limit) {
      Severity severity = Math.abs(rate) > 3 * limit ? Severity.CRITICAL : Severity.WARNING;
      return Signal.active(severity, rate, limit, "%s changing at %.2f °C/min, limit %.2f °C/min");
    }
    if (Math.abs(rate) > limit / 2) {
      return Signal.hold(rate, limit);
    }
    return Signal.inactive(rate, limit, "%s changing at %.2f °C/min again, limit %.2f °C/min");
  }
}
