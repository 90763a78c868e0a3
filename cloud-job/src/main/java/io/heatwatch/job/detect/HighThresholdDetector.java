package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;

/**
 * HIGH: an OK reading above the sensor's {@code highC}; CRITICAL at {@value #CRITICAL_MARGIN_C} °C
 * above it; clears only below {@code highC - hysteresisC}, so a value hovering at the threshold
 * does not flap.
 */
public final class HighThresholdDetector implements Detector {
  /** How far above the threshold an alarm is CRITICAL rather than WARNING. */
  public static final double CRITICAL_MARGIN_C = 10.0;

  @Override
  public AlarmKind kind() {
    return AlarmKind.HIGH;
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
    double value = reading.tempC();
    if (value > t.highC()) {
      Severity severity =
          value >= t.highC() + CRITICAL_MARGIN_C ? Severity.CRITICAL : Severity.WARNING;
      return Signal.active(
          severity, value, t.highC(), "%s %.2f °C, above the HIGH threshold %.2f °C");
    }
    if (value >= t.highC() - t.hysteresisC()) {
      return Signal.hold(value, t.highC());
    }
    return Signal.inactive(value, t.highC(), "%s %.2f °C, back below the HIGH threshold %.2f °C");
  }
}
