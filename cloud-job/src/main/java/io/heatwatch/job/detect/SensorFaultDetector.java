package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;

/**
 * SENSOR_FAULT: a burst of readings that are not OK (CRC errors, power-on resets, disconnects...):
 * at least {@code faultBurst} of the last {@value #HISTORY}. CRITICAL when all of them are; stays
 * open while any of the last {@value #HISTORY} is faulty, so a flaky sensor is one alarm.
 */
final class SensorFaultDetector implements Detector {
  /** How many recent readings the burst is counted over. */
  static final int HISTORY = Thresholds.FAULT_HISTORY;

  private static final long MASK = (1L << HISTORY) - 1;

  @Override
  public AlarmKind kind() {
    return AlarmKind.SENSOR_FAULT;
  }

  @Override
  public Signal judge(SensorState state, Reading reading, Thresholds t) {
    long bad = reading.quality().usable() ? 0 : 1;
    state.faultBits = ((state.faultBits << 1) | bad) & MASK;
    state.faultSeen = Math.min(state.faultSeen + 1, HISTORY);
    int faults = Long.bitCount(state.faultBits);
    if (faults >= t.faultBurst()) {
      Severity severity = faults == HISTORY ? Severity.CRITICAL : Severity.WARNING;
      return Signal.active(
          severity,
          faults,
          t.faultBurst(),
          "%s gave %.0f faulty readings of the last " + HISTORY + ", limit %.0f");
    }
    if (Detector.idle(state, AlarmKind.SENSOR_FAULT)) {
      return null;
    }
    if (faults > 0) {
      return Signal.hold(faults, t.faultBurst());
    }
    return Signal.inactive(
        faults, t.faultBurst(), "%s gives OK readings again (%.0f faulty, limit %.0f)");
  }
}
