package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;

/**
 * HIGH and LOW: an OK reading beyond the sensor's {@code highC} (above) or {@code lowC} (below);
 * CRITICAL at {@value #CRITICAL_MARGIN_C} °C beyond it; clears only {@code hysteresisC} back inside
 * the threshold, so a value hovering at the threshold does not flap.
 */
final class ThresholdDetector implements Detector {
  /** How far beyond the threshold an alarm is CRITICAL rather than WARNING. */
  static final double CRITICAL_MARGIN_C = 10.0;

  private final boolean high;

  private ThresholdDetector(boolean high) {
    this.high = high;
  }

  /** The HIGH detector: above {@code highC}. */
  static ThresholdDetector high() {
    return new ThresholdDetector(true);
  }

  /** The LOW detector: below {@code lowC}. */
  static ThresholdDetector low() {
    return new ThresholdDetector(false);
  }

  @Override
  public AlarmKind kind() {
    return high ? AlarmKind.HIGH : AlarmKind.LOW;
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
    double threshold = high ? t.highC() : t.lowC();
    if (high ? value > threshold : value < threshold) {
      boolean critical =
          high ? value >= threshold + CRITICAL_MARGIN_C : value <= threshold - CRITICAL_MARGIN_C;
      return Signal.active(
          critical ? Severity.CRITICAL : Severity.WARNING,
          value,
          threshold,
          high
              ? "%s %.2f °C, above the HIGH threshold %.2f °C"
              : "%s %.2f °C, below the LOW threshold %.2f °C");
    }
    if (Detector.idle(state, kind())) {
      return null;
    }
    if (high ? value >= threshold - t.hysteresisC() : value <= threshold + t.hysteresisC()) {
      return Signal.hold(value, threshold);
    }
    return Signal.inactive(
        value,
        threshold,
        high
            ? "%s %.2f °C, back below the HIGH threshold %.2f °C"
            : "%s %.2f °C, back above the LOW threshold %.2f °C");
  }
}
