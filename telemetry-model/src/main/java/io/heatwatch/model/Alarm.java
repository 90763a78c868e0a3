package io.heatwatch.model;

import java.time.Instant;

/**
 * One alarm event; the job owns the lifecycle, consumers keep the highest {@code version} per
 * {@code alarmId}.
 *
 * @param v wire contract version
 * @param alarmId stable id of the alarm through its whole lifecycle
 * @param version increases with every change of this alarm, so consumers are idempotent
 * @param site site id
 * @param deviceId device id
 * @param sensorId sensor id, {@code null} for device-level alarms such as DEVICE_OFFLINE; the stage
 *     for PIPELINE_STALLED
 * @param kind what was detected
 * @param severity how urgent
 * @param state where the alarm is in its lifecycle
 * @param openedAt event time the condition started
 * @param updatedAt when this version was made
 * @param clearedAt when the condition ended, {@code null} while open
 * @param ackedBy operator who acknowledged, {@code null} until acknowledged
 * @param ackComment the operator's comment
 * @param value the value that triggered (or last updated) the alarm
 * @param threshold the threshold it was compared with
 * @param message one human-readable line
 */
public record Alarm(
    int v,
    String alarmId,
    long version,
    String site,
    String deviceId,
    String sensorId,
    AlarmKind kind,
    Severity severity,
    AlarmState state,
    Instant openedAt,
    Instant updatedAt,
    Instant clearedAt,
    String ackedBy,
    String ackComment,
    Double value,
    Double threshold,
    String message) {

  public Alarm {
    Check.version(v);
    Check.notEmpty("alarmId", alarmId);
    Check.maxLength("alarmId", alarmId, 200);
    if (version < 1) {
      throw new InvalidPayloadException("version", version, "must be >= 1");
    }
    Check.segment("site", site);
    Check.segment("deviceId", deviceId);
    if (sensorId != null) {
      Check.sensorId("sensorId", sensorId);
    }
    Check.notNull("kind", kind);
    Check.notNull("severity", severity);
    Check.notNull("state", state);
    Check.requiredInstant("openedAt", openedAt);
    Check.requiredInstant("updatedAt", updatedAt);
    Check.instant("clearedAt", clearedAt);
    if (state == AlarmState.CLEARED) {
      Check.notNull("clearedAt", clearedAt);
    }
    Check.floatRange("value", value);
    Check.floatRange("threshold", threshold);
    Check.maxLength("ackedBy", ackedBy, 200);
    Check.maxLength("ackComment", ackComment, 500);
    Check.maxLength("message", message, 500);
  }

  /** The stable id of the alarm a sensor opens for a kind at an event time. */
  public static String idFor(String deviceId, String sensorId, AlarmKind kind, Instant openedAt) {
    return deviceId
        + ":"
        + (sensorId == null ? "-" : sensorId)
        + ":"
        + kind
        + ":"
        + openedAt.toEpochMilli();
  }

  /** What a detector found. */
  public enum AlarmKind {
    HIGH,
    LOW,
    RATE_OF_CHANGE,
    SPIKE,
    FLATLINE,
    SENSOR_FAULT,
    DEVICE_OFFLINE,
    /** A sensor that reported stopped while its device lives (processing time). */
    SENSOR_SILENT,
    /**
     * A stage of the pipeline stopped passing the canary; raised by the watchdog, with {@code
     * deviceId} {@link Pipeline#DEVICE_ID} and {@code sensorId} the stage ({@link Pipeline.Stage}).
     */
    PIPELINE_STALLED
  }

  /** How urgent an alarm is. */
  public enum Severity {
    WARNING,
    CRITICAL
  }

  /** Where an alarm is in its lifecycle. */
  public enum AlarmState {
    OPEN,
    ACKNOWLEDGED,
    CLEARED
  }
}
