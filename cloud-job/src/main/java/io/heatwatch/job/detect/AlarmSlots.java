package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * The stable slot of each alarm kind in the per-kind state arrays ({@code open} and {@code
 * pendingSince} of {@link SensorState} and {@link DeviceTrack}). Those arrays are in every
 * checkpoint and savepoint, so a kind's slot never changes and is never reused: a new kind takes
 * the next number, whatever its place in {@link AlarmKind}. Today's numbers are the kinds' enum
 * positions when the arrays were introduced, so state written before this table restores unchanged.
 */
final class AlarmSlots {
  /** Slots in an array of today: one past the highest slot number. */
  static final int COUNT = 11;

  /** The kinds a sensor's or device's state keeps, in {@link AlarmKind} order. */
  static final AlarmKind[] TRACKED =
      EnumSet.complementOf(EnumSet.of(AlarmKind.SITE_UNREACHABLE, AlarmKind.NOTIFICATION_FAILED))
          .toArray(AlarmKind[]::new);

  private AlarmSlots() {}

  /** The slot of {@code kind}; a kind without a number here does not compile. */
  static int of(AlarmKind kind) {
    return switch (kind) {
      case HIGH -> 0;
      case LOW -> 1;
      case RATE_OF_CHANGE -> 2;
      case SPIKE -> 3;
      case FLATLINE -> 4;
      case SENSOR_FAULT -> 5;
      case DEVICE_OFFLINE -> 6;
      case SENSOR_SILENT -> 7;
      case PIPELINE_STALLED -> 8;
      case TREND -> 9;
      case EXPOSURE -> 10;
        // Raised for a whole site or by the notifier, never kept in a sensor's or device's state.
      case SITE_UNREACHABLE, NOTIFICATION_FAILED ->
          throw new IllegalArgumentException(kind + " has no per-sensor slot");
    };
  }

  /** Open alarms of no kind. */
  static Alarm[] noAlarms() {
    return new Alarm[COUNT];
  }

  /** Nothing pending for any kind. */
  static long[] nonePending() {
    long[] pending = new long[COUNT];
    Arrays.fill(pending, SensorState.NONE);
    return pending;
  }

  /**
   * {@code open}, or a copy grown with empty slots: state restored from before kinds were added has
   * a shorter array. A longer one is kept as it is.
   */
  static Alarm[] fit(Alarm[] open) {
    if (open == null) {
      return noAlarms();
    }
    return open.length >= COUNT ? open : Arrays.copyOf(open, COUNT);
  }

  /** {@code pendingSince}, or a copy grown with {@link SensorState#NONE}. */
  static long[] fit(long[] pendingSince) {
    if (pendingSince == null) {
      return nonePending();
    }
    if (pendingSince.length >= COUNT) {
      return pendingSince;
    }
    long[] grown = Arrays.copyOf(pendingSince, COUNT);
    Arrays.fill(grown, pendingSince.length, COUNT, SensorState.NONE);
    return grown;
  }
}
