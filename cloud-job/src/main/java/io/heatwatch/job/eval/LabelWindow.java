package io.heatwatch.job.eval;

import io.heatwatch.model.Alarm.AlarmKind;
import java.time.Instant;

/**
 * One labelled anomaly: the sensor, the alarm kind that should catch it, and the event times of its
 * first and last affected reading.
 */
record LabelWindow(String sensor, AlarmKind kind, Instant start, Instant end) {

  public LabelWindow {
    if (sensor == null || kind == null || start == null || end == null) {
      throw new IllegalArgumentException("label needs sensor, kind, start and end");
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("label end " + end + " is before its start " + start);
    }
  }

  /**
   * The alarm kind for a label's {@code kind}: an {@link AlarmKind} name, or the edge simulator's
   * episode names RAMP (→ RATE_OF_CHANGE) and FAULT (→ SENSOR_FAULT).
   */
  static AlarmKind kindOf(String name) {
    return switch (name) {
      case "RAMP" -> AlarmKind.RATE_OF_CHANGE;
      case "FAULT" -> AlarmKind.SENSOR_FAULT;
      default -> AlarmKind.valueOf(name);
    };
  }
}
