package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import java.util.Arrays;

/**
 * The alarm of each kind that one sensor or device tracks: the open alarm, and while none is open
 * the event time since which the kind's condition has held. A view over the two arrays the state
 * stores (Flink keeps their types, so they stay arrays), each kind at its stable slot ({@link
 * AlarmSlots}), never at its enum position.
 */
public final class AlarmTracks {
  private final Alarm[] open;
  private final long[] pendingSince;

  private AlarmTracks(Alarm[] open, long[] pendingSince) {
    this.open = open;
    this.pendingSince = pendingSince;
  }

  /** The tracks of {@code state}, whose arrays it reads and changes. */
  static AlarmTracks of(SensorState state) {
    state.fitKinds();
    return new AlarmTracks(state.open, state.pendingSince);
  }

  /** The tracks of {@code track}, whose arrays it reads and changes. */
  public static AlarmTracks of(DeviceTrack track) {
    track.fitKinds();
    return new AlarmTracks(track.open, track.pendingSince);
  }

  /**
   * Tracks holding only {@code alarm} (or nothing) of its kind and nothing pending: for an alarm
   * kept on its own, as SENSOR_SILENT is per sensor of a device.
   */
  public static AlarmTracks holding(AlarmKind kind, Alarm alarm) {
    AlarmTracks tracks = new AlarmTracks(AlarmSlots.noAlarms(), AlarmSlots.nonePending());
    tracks.open[AlarmSlots.of(kind)] = alarm;
    return tracks;
  }

  /** Whether this is a view over exactly these arrays. */
  boolean over(Alarm[] open, long[] pendingSince) {
    return this.open == open && this.pendingSince == pendingSince;
  }

  /** The open alarm of {@code kind}, {@code null} if none. */
  public Alarm open(AlarmKind kind) {
    return open[AlarmSlots.of(kind)];
  }

  void open(AlarmKind kind, Alarm alarm) {
    open[AlarmSlots.of(kind)] = alarm;
  }

  /** Since when the condition of {@code kind} holds without an open alarm, {@link #NONE} if not. */
  long pendingSince(AlarmKind kind) {
    return pendingSince[AlarmSlots.of(kind)];
  }

  void pendingSince(AlarmKind kind, long since) {
    pendingSince[AlarmSlots.of(kind)] = since;
  }

  /** Whether any kind has an alarm open or pending. */
  boolean any() {
    for (int slot = 0; slot < open.length; slot++) {
      if (open[slot] != null || pendingSince[slot] != NONE) {
        return true;
      }
    }
    return false;
  }

  /** Forgets since when every pending condition held. */
  void resetPending() {
    Arrays.fill(pendingSince, NONE);
  }

  /** No time: nothing pending. */
  static final long NONE = SensorState.NONE;
}
