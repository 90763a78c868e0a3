package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import java.util.Arrays;

/**
 * Per-kind state arrays (indexed by {@link AlarmKind#ordinal()}) at today's number of kinds. Kinds
 * are only ever added at the end of the enum, so an array from older state keeps its meaning and
 * needs only its new slots.
 */
final class AlarmSlots {
  private static final int KINDS = AlarmKind.values().length;

  private AlarmSlots() {}

  /** {@code open}, or a copy grown with empty slots. */
  static Alarm[] fit(Alarm[] open) {
    if (open == null) {
      return new Alarm[KINDS];
    }
    return open.length >= KINDS ? open : Arrays.copyOf(open, KINDS);
  }

  /** {@code pendingSince}, or a copy grown with {@link SensorState#NONE}. */
  static long[] fit(long[] pendingSince) {
    if (pendingSince != null && pendingSince.length >= KINDS) {
      return pendingSince;
    }
    int from = pendingSince == null ? 0 : pendingSince.length;
    long[] grown = pendingSince == null ? new long[KINDS] : Arrays.copyOf(pendingSince, KINDS);
    Arrays.fill(grown, from, KINDS, SensorState.NONE);
    return grown;
  }
}
