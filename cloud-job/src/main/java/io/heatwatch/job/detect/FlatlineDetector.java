package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;

/**
 * FLATLINE: a stuck sensor, whose OK value has not moved by more than {@value #TOLERANCE_C} °C
 * (less than one DS18B20 step) for {@code flatlineMs} and over at least {@code flatlineMinReadings}
 * readings. A real temperature with the sensor's own noise moves by a step now and then; a sensor
 * that has stopped converting does not. Both are needed because cadences differ: at one reading an
 * hour, two readings that agree within 0.01 °C already span the hour, and a quiet room does that
 * often; at one reading every 5 s, ten equal readings are under a minute. Clears on the first
 * reading that moves.
 */
final class FlatlineDetector implements Detector {
  /** Changes smaller than this are no change; the DS18B20's step is 0.0625 °C. */
  static final double TOLERANCE_C = 0.01;

  @Override
  public AlarmKind kind() {
    return AlarmKind.FLATLINE;
  }

  @Override
  public Signal judge(SensorState state, Reading reading, Thresholds t) {
    if (!reading.quality().usable()) {
      return null;
    }
    double x = reading.tempC();
    long now = reading.ts().toEpochMilli();
    double limitMin = t.flatlineMs() / 60_000.0;
    boolean still =
        state.flatSince != SensorState.NONE && Math.abs(x - state.flatValue) <= TOLERANCE_C;
    if (!still) {
      state.flatValue = x;
      state.flatSince = now;
      state.flatCount = 1;
      if (Detector.idle(state, AlarmKind.FLATLINE)) {
        return null;
      }
      return Signal.inactive(0, limitMin, "%s moving again (stuck limit %3$.0f min)");
    }
    // In state from before the count existed it starts at 0 here, so it only runs late.
    state.flatCount++;
    double minutes = (now - state.flatSince) / 60_000.0;
    if (now - state.flatSince < t.flatlineMs()) {
      return Detector.idle(state, AlarmKind.FLATLINE)
          ? null
          : Signal.inactive(minutes, limitMin, "");
    }
    if (state.flatCount >= t.flatlineMinReadings()) {
      return Signal.active(
          Severity.WARNING, minutes, limitMin, "%s stuck for %.0f min, limit %.0f min");
    }
    // Long enough but too few readings to tell: an open alarm stays, none opens.
    return Signal.hold(minutes, limitMin);
  }
}
