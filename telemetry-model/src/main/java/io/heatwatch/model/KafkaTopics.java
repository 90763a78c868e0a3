package io.heatwatch.model;

import java.util.List;

/** Kafka topic names of contract v1. */
public final class KafkaTopics {
  /** Readings, key = deviceId so per-device order holds. */
  public static final String READINGS = "heatwatch.readings";

  /** Latest status per device, compacted, key = deviceId. */
  public static final String DEVICE_STATUS = "heatwatch.device-status";

  /** Thresholds per sensor, compacted, key = sensorId. */
  public static final String SENSOR_CONFIG = "heatwatch.sensor-config";

  /** Alarm events written by the job. */
  public static final String ALARMS = "heatwatch.alarms";

  /** Operator acknowledgements, key = alarmId. */
  public static final String ALARM_COMMANDS = "heatwatch.alarm-commands";

  /** Notification intents written by the job (and the watchdog), key = alarmId. */
  public static final String NOTIFICATIONS = "heatwatch.notifications";

  /** The notifier's delivery log, compacted, key = notification id. */
  public static final String NOTIFICATION_LOG = "heatwatch.notification-log";

  /**
   * Notification settings changed in the console (channels, recipients, policies) and "send test"
   * requests, compacted, key = "channel/&lt;id&gt;", "recipient/&lt;id&gt;", "policy/&lt;name&gt;"
   * or "test/&lt;request id&gt;"; a tombstone removes an entry. Read by the notifier over its file.
   */
  public static final String NOTIFIER_SETTINGS = "heatwatch.notifier-settings";

  /** Messages the bridge could not accept, with a reason header. */
  public static final String READINGS_DLQ = "heatwatch.readings.dlq";

  /** Records the job rejected, with a reason. */
  public static final String READINGS_INVALID = "heatwatch.readings.invalid";

  /** The original prototype's topic, still accepted by the job. */
  public static final String LEGACY = "temperature_msg";

  /** Topics that keep only the latest record per key. */
  public static final List<String> COMPACTED =
      List.of(DEVICE_STATUS, SENSOR_CONFIG, NOTIFICATION_LOG, NOTIFIER_SETTINGS);

  /** Topics that keep everything for their retention time. */
  public static final List<String> APPEND_ONLY =
      List.of(
          READINGS, ALARMS, ALARM_COMMANDS, NOTIFICATIONS, READINGS_DLQ, READINGS_INVALID, LEGACY);

  private KafkaTopics() {}
}
