package io.heatwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param excursion what a HIGH or LOW excursion came to, set on the version that clears it; {@code
 *     null} otherwise (and absent on the wire)
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
    String message,
    @JsonInclude(JsonInclude.Include.NON_NULL) Excursion excursion) {

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

  /** A builder for a new alarm: contract version {@link Versions#V1}, version 1, state OPEN. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this alarm's fields, to make its next version. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.v = v;
    b.alarmId = alarmId;
    b.version = version;
    b.site = site;
    b.deviceId = deviceId;
    b.sensorId = sensorId;
    b.kind = kind;
    b.severity = severity;
    b.state = state;
    b.openedAt = openedAt;
    b.updatedAt = updatedAt;
    b.clearedAt = clearedAt;
    b.ackedBy = ackedBy;
    b.ackComment = ackComment;
    b.value = value;
    b.threshold = threshold;
    b.message = message;
    b.excursion = excursion;
    return b;
  }

  /** Builds an {@link Alarm} field by field; {@link #build()} validates as the constructor does. */
  public static final class Builder {
    private int v = Versions.V1;
    private String alarmId;
    private long version = 1;
    private String site;
    private String deviceId;
    private String sensorId;
    private AlarmKind kind;
    private Severity severity;
    private AlarmState state = AlarmState.OPEN;
    private Instant openedAt;
    private Instant updatedAt;
    private Instant clearedAt;
    private String ackedBy;
    private String ackComment;
    private Double value;
    private Double threshold;
    private String message;
    private Excursion excursion;

    private Builder() {}

    public Builder v(int v) {
      this.v = v;
      return this;
    }

    public Builder alarmId(String alarmId) {
      this.alarmId = alarmId;
      return this;
    }

    public Builder version(long version) {
      this.version = version;
      return this;
    }

    public Builder site(String site) {
      this.site = site;
      return this;
    }

    public Builder deviceId(String deviceId) {
      this.deviceId = deviceId;
      return this;
    }

    public Builder sensorId(String sensorId) {
      this.sensorId = sensorId;
      return this;
    }

    public Builder kind(AlarmKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder state(AlarmState state) {
      this.state = state;
      return this;
    }

    public Builder openedAt(Instant openedAt) {
      this.openedAt = openedAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    public Builder clearedAt(Instant clearedAt) {
      this.clearedAt = clearedAt;
      return this;
    }

    public Builder ackedBy(String ackedBy) {
      this.ackedBy = ackedBy;
      return this;
    }

    public Builder ackComment(String ackComment) {
      this.ackComment = ackComment;
      return this;
    }

    public Builder value(Double value) {
      this.value = value;
      return this;
    }

    public Builder threshold(Double threshold) {
      this.threshold = threshold;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder excursion(Excursion excursion) {
      this.excursion = excursion;
      return this;
    }

    public Alarm build() {
      return new Alarm(
          v,
          alarmId,
          version,
          site,
          deviceId,
          sensorId,
          kind,
          severity,
          state,
          openedAt,
          updatedAt,
          clearedAt,
          ackedBy,
          ackComment,
          value,
          threshold,
          message,
          excursion);
    }
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
    PIPELINE_STALLED,
    /**
     * The sensor's recent trend will cross its HIGH or LOW threshold within the horizon: the early
     * warning of a failing compressor, before the threshold is reached.
     */
    TREND,
    /** The time the sensor spent outside its thresholds, summed over a window, reached a limit. */
    EXPOSURE,
    /**
     * Most devices of a site are offline: one alarm for the site, with {@code deviceId} {@link
     * Pipeline#DEVICE_ID} and {@code sensorId} the site's id (so that its id names the site),
     * instead of a page per device.
     */
    SITE_UNREACHABLE,
    /**
     * A notification channel kept failing to deliver; raised by the notifier, with {@code deviceId}
     * {@link Pipeline#DEVICE_ID} and {@code sensorId} the channel's id, and sent through another
     * channel.
     */
    NOTIFICATION_FAILED
  }

  /**
   * A temperature excursion's summary, as cold-chain practice reports it (USP &lt;1160&gt;).
   *
   * @param durationS how long the excursion lasted, from the first reading beyond the threshold
   * @param peakC the farthest reading beyond the threshold (highest for HIGH, lowest for LOW)
   * @param meanC the time-weighted mean temperature during the excursion
   * @param mktC the mean kinetic temperature during the excursion (activation energy 83.144
   *     kJ/mol), which weighs warm spells more than the mean does
   */
  public record Excursion(long durationS, double peakC, double meanC, double mktC) {
    public Excursion {
      Check.nonNegative("excursion.durationS", durationS);
      Check.floatRange("excursion.peakC", peakC);
      Check.floatRange("excursion.meanC", meanC);
      Check.floatRange("excursion.mktC", mktC);
    }
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
