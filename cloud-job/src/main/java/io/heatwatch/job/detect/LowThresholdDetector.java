package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;

/**
 * LOW: an OK reading below the sensor's {@code lowC}; CRITICAL at {@value #CRITICAL_MARGIN_C} °C
 * below it; clears only above {@code lowC + hysteresisC}.
 */
public final class LowThresholdDetector implements Detector {
  /** How far below the threshold an alarm is CRITICAL rather than WARNING. */
  public static final double CRITICAL_MARGIN_C = 10.0;

  @Override
  public AlarmKind kind() {
    return AlarmKind.LOW;
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
    if (value < t.lowC()) {
      Severity severity =
          value <= t.lowC() - CRITICAL_MARGIN_C ? Severity.CRITICAL : Severity.WARNING;
      return Signal.active(
          severity, value, t.lowC(), "%s %.2f °C, below the LOW threshold %.2f °C");
    }
    if (value <= t.lowC() + t.hysteresisC()) {
      return Signal.hold(value, t.lowC());
    }
    return Signal.inactive(value, t.lowC(), "%s %.2f °C, back above the LOW threshold %.2f °C");
  }
}
