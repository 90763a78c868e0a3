package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.DeviceStatus;

/**
 * What the per-device operator ({@code device.DeviceOfflineDetector}) remembers per device; a
 * mutable Flink POJO.
 *
 * <p>Stays {@code io.heatwatch.job.detect.DeviceTrack}, next to the alarm state it holds, although
 * its operator lives in {@code device/}: Flink's POJO serializer writes this class name (and the
 * types of its fields) into every checkpoint and savepoint, so moving or renaming it, or changing a
 * field's type, makes running jobs unrestorable. Adding a field is allowed.
 */
public class DeviceTrack {
  /** Processing time (epoch ms) of the latest reading or ONLINE status. */
  public long lastSeen;

  /** When the pending processing-time timer fires, {@link SensorState#NONE} if none. */
  public long timerAt = SensorState.NONE;

  /** Processing time of the latest document sent to the devices index. */
  public long lastViewAt = SensorState.NONE;

  /** Whether the device is considered connected. */
  public boolean online;

  /** Processing time the device last came (back) online; silence of its sensors counts from it. */
  public long onlineSince;

  /**
   * Its sensors, for SENSOR_SILENT ({@code device.SensorSilence}); {@code null} in state from
   * before.
   */
  public SensorWatch[] sensors;

  public String site;

  /** The latest status message, {@code null} before the first. */
  public DeviceStatus status;

  /** Open alarm per kind (only DEVICE_OFFLINE is used), for {@link AlarmLifecycle}. */
  public Alarm[] open = AlarmSlots.noAlarms();

  public long[] pendingSince = AlarmSlots.nonePending();

  public DeviceTrack() {}

  /**
   * Grows the per-kind arrays to today's number of kinds: state restored from a checkpoint taken
   * before kinds were added has shorter ones.
   */
  public void fitKinds() {
    open = AlarmSlots.fit(open);
    pendingSince = AlarmSlots.fit(pendingSince);
  }
}
