package io.heatwatch.job.model;

import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;

/**
 * What the device operator reads besides readings: a status message (birth, heartbeat, Last Will)
 * or a command on the device's own alarm; exactly one is set.
 */
public record DeviceEvent(DeviceStatus status, AlarmCommand command) {

  /** A status message. */
  public static DeviceEvent of(DeviceStatus status) {
    return new DeviceEvent(status, null);
  }

  /** A command. */
  public static DeviceEvent of(AlarmCommand command) {
    return new DeviceEvent(null, command);
  }

  /** The device it is about. */
  public String deviceId() {
    return status != null ? status.deviceId() : AlarmIds.parse(command.alarmId()).deviceId();
  }
}
