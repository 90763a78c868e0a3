package io.heatwatch.job.model;

import io.heatwatch.model.Alarm.AlarmKind;

/**
 * Reads back what {@link io.heatwatch.model.Alarm#idFor} put into an alarm id, {@code
 * deviceId:sensorId-or-dash:KIND:openedAtMillis}, so a command keyed by alarmId can be routed to
 * the operator instance that owns the alarm.
 *
 * @param deviceId the alarm's device
 * @param sensorId its sensor, {@code null} for device-level alarms
 * @param kind its kind
 */
public record AlarmIds(String deviceId, String sensorId, AlarmKind kind) {

  /** The parts of {@code alarmId}, or {@code null} if it is not one the job made. */
  public static AlarmIds parse(String alarmId) {
    String[] parts = alarmId.split(":", -1);
    if (parts.length != 4 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return null;
    }
    try {
      AlarmKind kind = AlarmKind.valueOf(parts[2]);
      Long.parseLong(parts[3]);
      return new AlarmIds(parts[0], "-".equals(parts[1]) ? null : parts[1], kind);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The key of the sensor the alarm belongs to, as {@link io.heatwatch.job.sensor.SensorKey}. */
  public String sensorKey() {
    return deviceId + "/" + sensorId;
  }
}
