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
