package io.heatwatch.job.detect;

import io.heatwatch.model.Thresholds;

/**
 * Keeps defrosts quiet for a profile that declares them ({@link Thresholds#defrosts()}). An
 * excursion above HIGH is tolerated while it stays at or below {@code defrostCeilingC}, lasts at
 * most {@code defrostMaxMs} and starts when a defrost is due: HIGH then waits {@code defrostMaxMs}
 * rather than its alarm delay, so one that does not recover in time alarms then, and one that
 * passes the ceiling alarms with the normal delay counted from the excursion's start (HIGH's
 * pending time is the excursion's start either way). EXPOSURE holds back its time until the
 * excursion is known not to be a defrost.
 *
 * <p>The schedule: {@code defrostEveryMs > 0} is a fixed period whose phase is the latest tolerated
 * defrost; 0 learns the period from the starts of the latest {@value #LEARN_FROM} defrost-like
 * excursions (under the ceiling, over in time) once their intervals agree within {@value #SLACK} of
 * their mean. Once a schedule is known, an excursion starting more than {@value #SLACK} of the
 * period from the expected time is no defrost and gets the normal delay. Until then every excursion
 * under the ceiling and the duration is tolerated: the trade-off that keeps a new sensor's first
 * day quiet, at the cost of HIGH waiting {@code defrostMaxMs} instead of its alarm delay for a real
 * rise that stays under the ceiling.
 */
final class DefrostGate {
  /** How many defrost starts the learned period is taken from. */
  static final int LEARN_FROM = 4;

  /** How far the intervals may differ from their mean, and an excursion from the schedule. */
  static final double SLACK = 0.15;

  private DefrostGate() {}

  /**
   * Follows the excursion above HIGH with the OK value {@code v} at {@code now}; afterwards {@link
   * SensorState#defrostTolerating} says whether HIGH should wait for a defrost to end.
   */
  static void observe(SensorState state, double v, long now, Thresholds t) {
    if (v > t.highC()) {
      if (state.defrostStart == 0) {
        state.defrostStart = now;
        state.defrostOverCeiling = false;
        state.defrostHeldMs = 0;
        state.defrostTolerating = due(state, now, t);
      }
      state.defrostOverCeiling |= v > t.defrostCeilingC();
      boolean tolerating =
          state.defrostTolerating
              && !state.defrostOverCeiling
              && now - state.defrostStart <= t.defrostMaxMs();
      if (!tolerating && state.defrostTolerating) {
        Exposure.add(state, state.defrostHeldMs, now, t);
        state.defrostHeldMs = 0;
      }
      state.defrostTolerating = tolerating;
      return;
    }
    if (state.defrostStart != 0) {
      ended(state, now, t);
    }
  }

  /** The excursion is over: a defrost-like one teaches the schedule; held exposure is dropped. */
  private static void ended(SensorState state, long now, Thresholds t) {
    long start = state.defrostStart;
    boolean defrostLike = !state.defrostOverCeiling && now - start <= t.defrostMaxMs();
    if (defrostLike) {
      remember(state, start, t);
      if (state.defrostTolerating) {
        state.defrostLastMs = start;
      }
    }
    state.defrostStart = 0;
    state.defrostTolerating = false;
    state.defrostOverCeiling = false;
    state.defrostHeldMs = 0;
  }

  /** Whether HIGH should wait for the defrost to end rather than its alarm delay. */
  static boolean tolerating(SensorState state) {
    return state.defrostStart != 0 && state.defrostTolerating;
  }

  /** Whether a defrost may start at {@code now}: always, while no schedule is known. */
  static boolean due(SensorState state, long now, Thresholds t) {
    long period = period(state, t);
    if (period == 0 || state.defrostLastMs == 0) {
      return true;
    }
    long off = Math.floorMod(now - state.defrostLastMs, period);
    return Math.min(off, period - off) <= SLACK * period;
  }

  /** Whether a defrost is due at {@code now} by a known schedule (for TREND, which must wait). */
  static boolean expected(SensorState state, long now, Thresholds t) {
    return period(state, t) != 0 && state.defrostLastMs != 0 && due(state, now, t);
  }

  private static long period(SensorState state, Thresholds t) {
    return t.defrostEveryMs() > 0 ? t.defrostEveryMs() : state.defrostPeriodMs;
  }

  /** Adds a defrost-like start; learns the period when the latest starts agree on one. */
  private static void remember(SensorState state, long start, Thresholds t) {
    if (t.defrostEveryMs() > 0) {
      return;
    }
    if (state.defrostStarts == null) {
      state.defrostStarts = new long[LEARN_FROM];
    }
    state.defrostStarts[state.defrostCount % LEARN_FROM] = start;
    state.defrostCount++;
    if (state.defrostCount < LEARN_FROM) {
      return;
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (long s : state.defrostStarts) {
      first = Math.min(first, s);
      last = Math.max(last, s);
    }
    double mean = (last - first) / (double) (LEARN_FROM - 1);
    if (mean <= 0) {
      return;
    }
    long previous = first;
    for (int k = 1; k < LEARN_FROM; k++) {
      long next = Long.MAX_VALUE;
      for (long s : state.defrostStarts) {
        if (s > previous) {
          next = Math.min(next, s);
        }
      }
      if (next == Long.MAX_VALUE || Math.abs(next - previous - mean) > SLACK * mean) {
        return;
      }
      previous = next;
    }
    state.defrostPeriodMs = Math.round(mean);
    state.defrostLastMs = last;
  }
}
