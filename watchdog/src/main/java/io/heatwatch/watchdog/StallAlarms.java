package io.heatwatch.watchdog;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Pipeline.Stage;
import io.heatwatch.model.Versions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PIPELINE_STALLED alarm lifecycle: one alarm per stage episode, opened when a stage is named
 * stalled, cleared (a new version) when the canary flows again or another stage is named instead.
 * The watchdog alone writes these alarms; an alarm found open at start is adopted, so a restart
 * neither opens a duplicate nor leaves the old one open.
 */
final class StallAlarms {
  private static final int MAX_MESSAGE = 500;

  private Alarm open;

  /** Continues an alarm a previous run left open. */
  synchronized void adopt(Alarm alarm) {
    if (alarm.kind() != AlarmKind.PIPELINE_STALLED || alarm.state() == AlarmState.CLEARED) {
      throw new IllegalArgumentException("only an open PIPELINE_STALLED alarm can be adopted");
    }
    if (open == null || alarm.version() > open.version()) {
      open = alarm;
    }
  }

  synchronized Optional<Alarm> open() {
    return Optional.ofNullable(open);
  }

  /**
   * An operator's command on the open alarm (the console's Acknowledge or Resolve, or "I'm on it"
   * in a message): its next version to write, or empty when the command names another alarm or
   * changes nothing. A resolved alarm whose stall goes on is opened again, with a new id, at the
   * next verdict.
   */
  synchronized Optional<Alarm> command(AlarmCommand command) {
    if (open == null || !open.alarmId().equals(command.alarmId())) {
      return Optional.empty();
    }
    Alarm next = command.applyTo(open);
    if (next == null) {
      return Optional.empty();
    }
    open = next.state() == AlarmState.CLEARED ? null : next;
    return Optional.of(next);
  }

  /** The alarm versions to write after {@code verdict}; empty when nothing changed. */
  synchronized List<Alarm> apply(StallJudge.Verdict verdict, Instant now) {
    List<Alarm> out = new ArrayList<>();
    Optional<Stage> stalled = verdict.stalled();
    // Cleared only when another stage is named or a canary came all the way through: right after
    // a start nothing is named yet, and an adopted alarm must not be cleared for that.
    boolean moved =
        stalled.map(s -> !s.id().equals(open == null ? null : open.sensorId())).orElse(false);
    if (open != null && (moved || verdict.flowing())) {
      String why =
          stalled
              .map(s -> "the stall is now at " + StageView.words(s))
              .orElse("the canary flows again");
      out.add(cleared(open, now, why));
      open = null;
    }
    if (open == null && stalled.isPresent()) {
      open = opened(stalled.get(), verdict.reason(), now);
      out.add(open);
    }
    return out;
  }

  private static Alarm opened(Stage stage, String reason, Instant now) {
    return Alarm.builder()
        .v(Versions.V1)
        .alarmId(Alarm.idFor(Pipeline.DEVICE_ID, stage.id(), AlarmKind.PIPELINE_STALLED, now))
        .version(1)
        .site(Pipeline.SITE)
        .deviceId(Pipeline.DEVICE_ID)
        .sensorId(stage.id())
        .kind(AlarmKind.PIPELINE_STALLED)
        .severity(Severity.CRITICAL)
        .state(AlarmState.OPEN)
        .openedAt(now)
        .updatedAt(now)
        .message(bounded(reason))
        .build();
  }

  private static Alarm cleared(Alarm a, Instant now, String why) {
    return Alarm.builder()
        .v(a.v())
        .alarmId(a.alarmId())
        .version(a.version() + 1)
        .site(a.site())
        .deviceId(a.deviceId())
        .sensorId(a.sensorId())
        .kind(a.kind())
        .severity(a.severity())
        .state(AlarmState.CLEARED)
        .openedAt(a.openedAt())
        .updatedAt(now)
        .clearedAt(now)
        .ackedBy(a.ackedBy())
        .ackComment(a.ackComment())
        .value(a.value())
        .threshold(a.threshold())
        .message(bounded("cleared: " + why + " (was: " + a.message() + ")"))
        .build();
  }

  private static String bounded(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
