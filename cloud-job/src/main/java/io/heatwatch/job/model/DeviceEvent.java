package io.heatwatch.job.model;

import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;

/**
 * What the device operator reads besides readings: a status message (birth, heartbeat, Last Will),
 * a command on an alarm it owns (DEVICE_OFFLINE, SENSOR_SILENT) or a sensor config of one of its
 * sensors (silence bound, retirement); exactly one is set.
 */
public record DeviceEvent(DeviceStatus status, AlarmCommand command, ConfigUpdate config) {

  /** A status message. */
  public static DeviceEvent of(DeviceStatus status) {
    return new DeviceEvent(status, null, null);
  }

  /** A command. */
  public static DeviceEvent of(AlarmCommand command) {
    return new DeviceEvent(null, command, null);
  }

  /** A sensor config or its tombstone. */
  public static DeviceEvent of(ConfigUpdate config) {
    return new DeviceEvent(null, null, config);
  }

  /**
   * The device it is about; {@code null} only for a tombstone keyed by a sensor id alone, which
   * names no device.
   */
  public String deviceId() {
    if (status != null) {
      return status.deviceId();
    }
    if (command != null) {
      return AlarmIds.parse(command.alarmId()).deviceId();
    }
    if (config.config() != null) {
      return config.config().deviceId();
    }
    int slash = config.key().indexOf('/');
    return slash > 0 ? config.key().substring(0, slash) : null;
  }

  /** The sensor a config is about, as its key or value names it. */
  public String configSensorId() {
    if (config.config() != null) {
      return config.config().sensorId();
    }
    return config.key().substring(config.key().indexOf('/') + 1);
  }
}
