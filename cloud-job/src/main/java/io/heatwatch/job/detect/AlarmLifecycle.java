package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.AlarmCommand;
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
    /** Who {@code alarm} is about. */
    static Subject of(Alarm alarm) {
      return new Subject(alarm.site(), alarm.deviceId(), alarm.sensorId());
    }

    /** The sensor's id, or the device's for device-level alarms. */
    public String name() {
      return sensorId != null ? sensorId : deviceId;
    }
  }

  /** The contract's longest alarm message. */
  private static final int MAX_MESSAGE = 500;

  private static final AlarmKind[] KINDS = AlarmSlots.TRACKED;

  private AlarmLifecycle() {}

  /**
   * Applies {@code signal} of {@code kind} at event time {@code at} to the alarm of that kind in
   * {@code tracks}; returns the alarm's new version, or {@code null} if nothing changed.
   */
  public static Alarm apply(
      AlarmTracks tracks,
      AlarmKind kind,
      Signal signal,
      Subject subject,
      Instant at,
      long minDurationMs) {
    Alarm open = tracks.open(kind);
    switch (signal.condition()) {
      case ACTIVE -> {
        if (open != null) {
          if (open.severity() == Severity.WARNING && signal.severity() == Severity.CRITICAL) {
            Alarm escalated = next(open, Severity.CRITICAL, open.state(), at, signal);
            tracks.open(kind, escalated);
            return escalated;
          }
          return null;
        }
        long now = at.toEpochMilli();
        if (tracks.pendingSince(kind) == AlarmTracks.NONE) {
          tracks.pendingSince(kind, now);
        }
        if (now - tracks.pendingSince(kind) < minDurationMs) {
          return null;
        }
        Instant since = Instant.ofEpochMilli(tracks.pendingSince(kind));
        tracks.pendingSince(kind, AlarmTracks.NONE);
        Alarm opened = opened(kind, signal, subject, since, at);
        tracks.open(kind, opened);
        return opened;
      }
      case HOLD -> {
        tracks.pendingSince(kind, AlarmTracks.NONE);
        return null;
      }
      default -> {
        tracks.pendingSince(kind, AlarmTracks.NONE);
        if (open == null) {
          return null;
        }
        tracks.open(kind, null);
        return next(open, open.severity(), AlarmState.CLEARED, at, signal);
      }
    }
  }

  /**
   * Applies an operator's command to the alarm it names in {@code tracks}: ACKNOWLEDGE or RESOLVE;
   * returns the alarm's new version, or {@code null} if no such alarm is open.
   */
  public static Alarm command(AlarmTracks tracks, AlarmCommand command) {
    for (AlarmKind kind : KINDS) {
      Alarm open = tracks.open(kind);
      if (open != null && open.alarmId().equals(command.alarmId())) {
        Alarm changed = command.applyTo(open);
        if (changed != null && changed.state() == AlarmState.CLEARED) {
          tracks.open(kind, null);
          tracks.pendingSince(kind, AlarmTracks.NONE);
        } else if (changed != null) {
          tracks.open(kind, changed);
        }
        return changed;
      }
    }
    return null;
  }

  /**
   * Clears every open alarm of the sensor {@code state} at {@code at} with {@code message}; a HIGH
   * or LOW alarm carries its excursion summary, as when its condition ends.
   */
  public static List<Alarm> clearAll(SensorState state, Instant at, String message) {
    List<Alarm> cleared = clearAll(state.tracks(), at, message);
    for (int i = 0; i < cleared.size(); i++) {
      Alarm alarm = cleared.get(i);
      if (alarm.kind() == AlarmKind.HIGH || alarm.kind() == AlarmKind.LOW) {
        Alarm.Excursion excursion = Excursions.end(state, alarm.kind(), at.toEpochMilli());
        if (excursion != null) {
          cleared.set(i, alarm.toBuilder().excursion(excursion).build());
        }
      }
    }
    return cleared;
  }

  /** Clears every open alarm of {@code tracks} at {@code at} with {@code message}. */
  public static List<Alarm> clearAll(AlarmTracks tracks, Instant at, String message) {
    List<Alarm> cleared = new ArrayList<>();
    for (AlarmKind kind : KINDS) {
      Alarm open = tracks.open(kind);
      if (open != null) {
        cleared.add(closed(open, later(open.updatedAt(), at), message));
        tracks.open(kind, null);
      }
    }
    tracks.resetPending();
    return cleared;
  }

  /** {@code open}'s next version, CLEARED at {@code at} with {@code message} (cut to fit). */
  static Alarm closed(Alarm open, Instant at, String message) {
    String fitted = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    return successor(open, at).state(AlarmState.CLEARED).clearedAt(at).message(fitted).build();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Alarm opened(
      AlarmKind kind, Signal signal, Subject subject, Instant since, Instant at) {
    return Alarm.builder()
        .alarmId(Alarm.idFor(subject.deviceId(), subject.sensorId(), kind, since))
        .site(subject.site())
        .deviceId(subject.deviceId())
        .sensorId(subject.sensorId())
        .kind(kind)
        .severity(signal.severity())
        .openedAt(since)
        .updatedAt(at)
        .value(signal.value())
        .threshold(signal.threshold())
        .message(signal.message(subject.name()))
        .build();
  }

  private static Alarm next(
      Alarm open, Severity severity, AlarmState state, Instant at, Signal signal) {
    return successor(open, at)
        .severity(severity)
        .state(state)
        .clearedAt(state == AlarmState.CLEARED ? at : null)
        .value(signal.value())
        .message(
            signal.template().isEmpty() ? open.message() : signal.message(Subject.of(open).name()))
        .build();
  }

  /** A builder of the version after {@code open}, made at {@code at}. */
  private static Alarm.Builder successor(Alarm open, Instant at) {
    return open.toBuilder().version(open.version() + 1).updatedAt(at);
  }
}
