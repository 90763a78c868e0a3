package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;

/**
 * One kind of check on one sensor's readings. Detectors only judge; {@link AlarmLifecycle} turns
 * their signals into alarms, and {@link SensorDetection} runs them in Flink and in the evaluation
 * tool alike.
 */
interface Detector {

  /** The kind of alarm this detector raises. */
  AlarmKind kind();

  /**
   * Whether {@code kind} has no alarm open or pending in {@code state}. Then a signal that is not
   * ACTIVE changes nothing, and a detector returns {@code null} rather than making one: that is
   * nearly every reading, for every detector.
   */
  static boolean idle(SensorState state, AlarmKind kind) {
    int slot = AlarmSlots.of(kind);
    return state.open[slot] == null && state.pendingSince[slot] == SensorState.NONE;
  }

  /** Whether the alarm must hold for {@link Thresholds#minDurationMs()} before it opens. */
  default boolean waitsMinDuration() {
    return false;
  }

  /**
   * Judges {@code reading} against the sensor's history in {@code state} (which does not hold the
   * reading yet, though a detector may keep its own bookkeeping there); {@code null} when the
   * reading tells nothing about this condition.
   */
  Signal judge(SensorState state, Reading reading, Thresholds thresholds);
}
