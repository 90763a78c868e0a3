package io.heatwatch.job.sensor;

import io.heatwatch.job.detect.AlarmLifecycle;
import io.heatwatch.job.detect.SensorState;
import io.heatwatch.model.Alarm;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When {@link SensorFunction} forgets a quiet sensor and when it retires one gone for good, and
 * what retiring does: a sensor replaced by one with a new id would otherwise keep its alarms open,
 * and its state, forever. A sensor without alarms is forgotten {@code dedupeTtl} after its latest
 * reading; one with an alarm open or pending keeps its dedupe window (and so the time it was last
 * seen) until {@code retireAfter}, when its alarms are cleared with the reason and its state freed.
 */
final class SensorRetirement implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long ttlMs;
  private final long retireMs;

  SensorRetirement(Duration dedupeTtl, Duration retireAfter) {
    this.ttlMs = dedupeTtl.toMillis();
    this.retireMs = retireAfter.toMillis();
  }

  /** When to look at a sensor first seen at {@code now}. */
  long firstCheck(long now) {
    return now + Math.min(ttlMs, retireMs);
  }

  /** Whether the sensor, last seen at {@code lastSeen}, is to be retired at {@code now}. */
  boolean retires(SensorState current, long lastSeen, long now) {
    return current.anyAlarm() && now >= lastSeen + retireMs;
  }

  /** Whether the sensor is still remembered at {@code now} (neither forgotten nor retired). */
  boolean keeps(SensorState current, long lastSeen, long now) {
    return now < lastSeen + (current.anyAlarm() ? retireMs : ttlMs);
  }

  /** The earlier of the sensor's forget and retire times that is still ahead of {@code now}. */
  long nextCheck(long lastSeen, long now) {
    long forget = lastSeen + ttlMs;
    long retire = lastSeen + retireMs;
    long first = Math.min(forget, retire);
    return first > now ? first : Math.max(forget, retire);
  }

  /**
   * Clears every alarm of the sensor keyed {@code key} ({@code deviceId/sensorId}) at {@code now},
   * with the reason in its message; returns their last versions. The caller frees the state.
   */
  static List<Alarm> retire(SensorState current, String key, long now) {
    String sensorId = key.substring(key.indexOf('/') + 1);
    String reason =
        current.seen == null
            ? "retired by an operator"
            : "retired: not seen since " + Instant.ofEpochMilli(SeqWindow.lastSeen(current.seen));
    // A HIGH or LOW excursion nothing showed the end of is taken to last until the retirement.
    return AlarmLifecycle.clearAll(current, Instant.ofEpochMilli(now), sensorId + " " + reason);
  }
}
