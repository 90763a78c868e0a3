package io.heatwatch.job.detect;

import io.heatwatch.model.Reading;

/**
 * Keeps device clock steps out of durations. FLATLINE and the minimum duration of HIGH, LOW and
 * RATE_OF_CHANGE measure time as differences of device {@code ts}; a Pi that boots with an old
 * saved time (fake-hwclock after a power cut) and is then stepped by NTP makes such a difference
 * hours long in one reading, which opened FLATLINE at once or let a pending alarm skip its minimum
 * duration, and a backward step kept a pending alarm from ever opening. So a reading taken before
 * the device synchronised its clock, or one whose {@code ts} jumps from the sensor's latest OK
 * reading by more than {@link #INTERVALS} of its usual interval (at least {@link #MIN_STEP_MS}, at
 * most {@link #MAX_STEP_MS}), forward or back, starts every duration afresh instead of counting as
 * elapsed time. Open alarms stay open: they clear on values, not durations.
 */
final class ClockSteps {
  /** A step is this many usual intervals between readings... */
  static final int INTERVALS = 10;

  /** ...but never less than this (a sensor read every few seconds still jitters)... */
  static final long MIN_STEP_MS = 60_000;

  /** ...and never more than this: a device silent this long has no durations worth keeping. */
  static final long MAX_STEP_MS = 3_600_000;

  private ClockSteps() {}

  /** Whether {@code reading} must not extend the durations running in {@code state}. */
  static boolean breaksDurations(SensorState state, Reading reading) {
    if (Boolean.TRUE.equals(reading.clockUnsynced())) {
      return true;
    }
    if (state.size == 0) {
      return false;
    }
    long step = Math.abs(reading.ts().toEpochMilli() - state.time(0));
    // The bound is at least MIN_STEP_MS: nearly every reading is decided without working it out.
    return step > MIN_STEP_MS && step > bound(state);
  }

  /** Forgets when FLATLINE's value got stuck and since when each pending alarm's condition held. */
  static void resetDurations(SensorState state) {
    state.flatSince = SensorState.NONE;
    state.tracks().resetPending();
  }

  /**
   * {@link #INTERVALS} times the sensor's usual interval: the shortest of its latest three, so that
   * one step already in the ring does not inflate it.
   */
  private static long bound(SensorState state) {
    long usual = Long.MAX_VALUE;
    for (int i = 0; i + 1 < Math.min(state.size, 4); i++) {
      long interval = state.time(i) - state.time(i + 1);
      if (interval > 0) {
        usual = Math.min(usual, interval);
      }
    }
    if (usual == Long.MAX_VALUE) {
      return MAX_STEP_MS;
    }
    return Math.max(MIN_STEP_MS, Math.min(MAX_STEP_MS, usual * INTERVALS));
  }
}
