package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Versions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place alarms change: OPEN (after the minimum duration) → ACKNOWLEDGED (by a command) →
 * CLEARED, at most one open alarm per (sensor, kind), each change the next {@code version}.
 *
 * <p>An alarm's id and times come from event times, so a replay of the same readings makes the same
 * alarm with the same versions, and consumers that keep the highest version stay right.
 */
public final class AlarmLifecycle {

  /** Who an alarm is about. */
  public record Subject(String site, String deviceId, String sensorId) {
    /** The sensor's id, or the device's for device-level alarms. */
    public String name() {
      return sensorId != null ? sensorId : deviceId;
    }
  }

  /** The contract's longest alarm message. */
  private static final int MAX_MESSAGE = 500;

  private AlarmLifecycle() {}

  /**
   * Applies {@code signal} of {@code kind} at event time {@code at} to the alarm tracked in {@code
   * tracks}; returns the alarm's new version, or {@code null} if nothing changed.
   */
  public static Alarm apply(
      Alarm[] tracks,
      long[] pendingSince,
      AlarmKind kind,
      Signal signal,
      Subject subject,
      Instant at,
      long minDurationMs) {
    int k = kind.ordinal();
    Alarm open = tracks[k];
    switch (signal.condition()) {
      case ACTIVE -> {
        if (open != null) {
          if (open.severity() == Severity.WARNING && signal.severity() == Severity.CRITICAL) {
            tracks[k] = next(open, Severity.CRITICAL, open.state(), at, signal);
            return tracks[k];
          }
          return null;
        }
        long now = at.toEpochMilli();
        if (pendingSince[k] == SensorState.NONE) {
          pendingSince[k] = now;
        }
        if (now - pendingSince[k] < minDurationMs) {
          return null;
        }
        Instant since = Instant.ofEpochMilli(pendingSince[k]);
        pendingSince[k] = SensorState.NONE;
        tracks[k] = opened(kind, signal, subject, since, at);
        return tracks[k];
      }
      case HOLD -> {
        pendingSince[k] = SensorState.NONE;
        return null;
      }
      default -> {
        pendingSince[k] = SensorState.NONE;
        if (open == null) {
          return null;
        }
        tracks[k] = null;
        return next(open, open.severity(), AlarmState.CLEARED, at, signal);
      }
    }
  }

  /**
   * Applies an operator's command to the alarm it names in {@code tracks}: ACKNOWLEDGE or RESOLVE;
   * returns the alarm's new version, or {@code null} if no such alarm is open.
   */
  public static Alarm command(Alarm[] tracks, long[] pendingSince, AlarmCommand command) {
    return switch (command.action()) {
      case ACKNOWLEDGE -> acknowledge(tracks, command);
      case RESOLVE -> resolve(tracks, pendingSince, command);
    };
  }

  /**
   * Clears the open (or acknowledged) alarm {@code command} names, with the operator and comment as
   * its reason. Its condition is not judged: one that still holds opens a new alarm, with a new id,
   * the next time a detector finds it.
   */
  public static Alarm resolve(Alarm[] tracks, long[] pendingSince, AlarmCommand command) {
    for (int k = 0; k < tracks.length; k++) {
      Alarm open = tracks[k];
      if (open != null && open.alarmId().equals(command.alarmId())) {
        tracks[k] = null;
        pendingSince[k] = SensorState.NONE;
        String comment = command.comment() == null ? "" : ": " + command.comment();
        return closed(
            open, later(open.updatedAt(), command.ts()), "resolved by " + command.by() + comment);
      }
    }
    return null;
  }

  /** Clears every open alarm of {@code tracks} at {@code at} with {@code message}. */
  public static List<Alarm> clearAll(
      Alarm[] tracks, long[] pendingSince, Instant at, String message) {
    List<Alarm> cleared = new ArrayList<>();
    for (int k = 0; k < tracks.length; k++) {
      if (tracks[k] != null) {
        cleared.add(closed(tracks[k], later(tracks[k].updatedAt(), at), message));
        tracks[k] = null;
      }
      pendingSince[k] = SensorState.NONE;
    }
    return cleared;
  }

  /** {@code open}'s next version, CLEARED at {@code at} with {@code message} (cut to fit). */
  static Alarm closed(Alarm open, Instant at, String message) {
    String fitted = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    return new Alarm(
        open.v(),
        open.alarmId(),
        open.version() + 1,
        open.site(),
        open.deviceId(),
        open.sensorId(),
        open.kind(),
        open.severity(),
        AlarmState.CLEARED,
        open.openedAt(),
        at,
        at,
        open.ackedBy(),
        open.ackComment(),
        open.value(),
        open.threshold(),
        fitted);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * Acknowledges the open alarm {@code command} names, if it is open and not yet acknowledged;
   * returns its new version or {@code null}.
   */
  public static Alarm acknowledge(Alarm[] tracks, AlarmCommand command) {
    for (int k = 0; k < tracks.length; k++) {
      Alarm open = tracks[k];
      if (open != null
          && open.alarmId().equals(command.alarmId())
          && open.state() == AlarmState.OPEN) {
        tracks[k] =
            new Alarm(
                open.v(),
                open.alarmId(),
                open.version() + 1,
                open.site(),
                open.deviceId(),
                open.sensorId(),
                open.kind(),
                open.severity(),
                AlarmState.ACKNOWLEDGED,
                open.openedAt(),
                command.ts(),
                null,
                command.by(),
                command.comment(),
                open.value(),
                open.threshold(),
                open.message());
        return tracks[k];
      }
    }
    return null;
  }

  private static Alarm opened(
      AlarmKind kind, Signal signal, Subject subject, Instant since, Instant at) {
    return new Alarm(
        Versions.V1,
        Alarm.idFor(subject.deviceId(), subject.sensorId(), kind, since),
        1,
        subject.site(),
        subject.deviceId(),
        subject.sensorId(),
        kind,
        signal.severity(),
        AlarmState.OPEN,
        since,
        at,
        null,
        null,
        null,
        signal.value(),
        signal.threshold(),
        signal.message(subject.name()));
  }

  private static String name(Alarm alarm) {
    return alarm.sensorId() != null ? alarm.sensorId() : alarm.deviceId();
  }

  private static Alarm next(
      Alarm open, Severity severity, AlarmState state, Instant at, Signal signal) {
    boolean cleared = state == AlarmState.CLEARED;
    return new Alarm(
        open.v(),
        open.alarmId(),
        open.version() + 1,
        open.site(),
        open.deviceId(),
        open.sensorId(),
        open.kind(),
        severity,
        state,
        open.openedAt(),
        at,
        cleared ? at : null,
        open.ackedBy(),
        open.ackComment(),
        signal.value(),
        open.threshold(),
        signal.template().isEmpty() ? open.message() : signal.message(name(open)));
  }
}
