package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;
import java.util.Arrays;

/**
 * EXPOSURE, the cold-chain cumulative alarm (e.g. WHO: 10 h above 8 °C within 30 days for a vaccine
 * fridge): the event time the sensor spent beyond HIGH or LOW, each reading standing for the gap
 * since the previous one (at most a few usual intervals, so a gap in the data is no exposure),
 * summed over {@code exposureWindowMs} in per-day slots, which are allocated only once the sensor
 * first goes beyond a threshold. A tolerated defrost does not count ({@link DefrostGate} holds its
 * time back until it is known not to be one).
 *
 * <p>It opens when the sum reaches {@code exposureMaxMs}, and clears when the sum falls below the
 * limit again as whole days leave the window, or when an operator resolves it, which also forgets
 * the exposure counted so far ({@link #reset}): the operator has dealt with the stock.
 */
final class Exposure implements Detector {
  static final long DAY_MS = 86_400_000L;

  @Override
  public AlarmKind kind() {
    return AlarmKind.EXPOSURE;
  }

  @Override
  public Signal judge(SensorState state, Reading reading, Thresholds t) {
    if (!reading.quality().usable() || t.exposureMaxMs() <= 0) {
      return null;
    }
    double v = reading.tempC();
    long now = reading.ts().toEpochMilli();
    if (v > t.highC() || v < t.lowC()) {
      long ms = Gaps.weight(state, now);
      if (v > t.highC() && DefrostGate.tolerating(state)) {
        state.defrostHeldMs += ms;
      } else {
        add(state, ms, now, t);
      }
    }
    if (state.exposureMs == null) {
      return null;
    }
    double hours = total(state, now, t) / 3_600_000.0;
    double limit = t.exposureMaxMs() / 3_600_000.0;
    if (hours >= limit) {
      return Signal.active(
          Severity.WARNING,
          hours,
          limit,
          "%s %.1f h beyond its HIGH or LOW threshold within the window, limit %.1f h");
    }
    if (state.open[AlarmSlots.of(AlarmKind.EXPOSURE)] == null) {
      return null;
    }
    return Signal.inactive(
        hours, limit, "%s %.1f h beyond its thresholds within the window, under the limit %.1f h");
  }

  /** Adds {@code ms} of exposure at {@code now} to the day slot of {@code now}. */
  static void add(SensorState state, long ms, long now, Thresholds t) {
    if (ms <= 0 || t.exposureMaxMs() <= 0) {
      return;
    }
    int days = days(t);
    if (state.exposureMs == null || state.exposureMs.length != days) {
      state.exposureMs = new long[days];
      state.exposureDays = new long[days];
      Arrays.fill(state.exposureDays, Long.MIN_VALUE);
      state.exposureSumDay = Long.MIN_VALUE;
    }
    long day = Math.floorDiv(now, DAY_MS);
    int slot = (int) Math.floorMod(day, (long) days);
    if (state.exposureDays[slot] != day) {
      state.exposureDays[slot] = day;
      state.exposureMs[slot] = 0;
      state.exposureSumDay = Long.MIN_VALUE;
    }
    state.exposureMs[slot] += ms;
    if (state.exposureSumDay == day) {
      state.exposureTotalMs += ms;
    }
  }

  /** The window's sum at {@code now}; summed again (O(days)) only when the day changes. */
  static long total(SensorState state, long now, Thresholds t) {
    long day = Math.floorDiv(now, DAY_MS);
    if (state.exposureSumDay != day) {
      long sum = 0;
      for (int i = 0; i < state.exposureMs.length; i++) {
        if (state.exposureDays[i] > day - state.exposureMs.length && state.exposureDays[i] <= day) {
          sum += state.exposureMs[i];
        }
      }
      state.exposureTotalMs = sum;
      state.exposureSumDay = day;
    }
    return state.exposureTotalMs;
  }

  /** Forgets the counted exposure (the alarm was resolved by an operator). */
  static void reset(SensorState state) {
    if (state.exposureMs != null) {
      Arrays.fill(state.exposureMs, 0);
      state.exposureTotalMs = 0;
    }
  }

  private static int days(Thresholds t) {
    return (int) Math.max(1, (t.exposureWindowMs() + DAY_MS - 1) / DAY_MS);
  }
}
