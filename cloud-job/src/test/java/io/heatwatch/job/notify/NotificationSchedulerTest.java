package io.heatwatch.job.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * When people hear about an alarm: OPENED once, each level at its delay unless acknowledged,
 * reminders after the last level, ACKNOWLEDGED and CLEARED once; nothing announced twice across a
 * restore from a checkpoint.
 */
class NotificationSchedulerTest {
  private static final Instant T = Instant.parse("2026-12-05T03:00:00Z");
  private static final long MIN = 60_000;
  private static final long T0 = 1_000_000;
  private static final Escalation ESCALATION =
      new Escalation(
          List.of(Duration.ofMinutes(15), Duration.ofMinutes(45)),
          List.of(Duration.ofHours(1)),
          Duration.ofHours(1),
          Duration.ZERO);

  private static Alarm alarm(long version, AlarmState state, Severity severity) {
    return Alarm.builder()
        .alarmId("pi-1:t1:HIGH:1")
        .version(version)
        .site("store-b")
        .deviceId("pi-1")
        .sensorId("t1")
        .kind(AlarmKind.HIGH)
        .severity(severity)
        .state(state)
        .openedAt(T)
        .updatedAt(T)
        .clearedAt(state == AlarmState.CLEARED ? T : null)
        .ackedBy(state == AlarmState.ACKNOWLEDGED ? "maria" : null)
        .value(-10.0)
        .threshold(-15.0)
        .message("freezer warm")
        .build();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Alarm, Notification> harness()
      throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, Alarm, Notification> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new NotificationScheduler(ESCALATION)),
            new AlarmIdKey(),
            org.apache.flink.api.common.typeinfo.Types.STRING);
    h.open();
    return h;
  }

  private static void at(
      KeyedOneInputStreamOperatorTestHarness<String, Alarm, Notification> h, long ms)
      throws Exception {
    h.setProcessingTime(ms);
  }

  private static List<Object[]> steps(
      KeyedOneInputStreamOperatorTestHarness<String, Alarm, Notification> h) {
    return h.extractOutputValues().stream()
        .map(n -> new Object[] {n.reason(), n.level(), n.count(), n.at().toEpochMilli()})
        .toList();
  }

  @Test
  void aCriticalNobodyAcknowledgesClimbsEachLevelAtItsDelayThenIsRecalled() throws Exception {
    try (var h = harness()) {
      at(h, T0);
      h.processElement(new StreamRecord<>(alarm(1, AlarmState.OPEN, Severity.CRITICAL)));
      at(h, T0 + 15 * MIN - 1);
      assertThat(h.extractOutputValues()).hasSize(1);

      at(h, T0 + 15 * MIN);
      at(h, T0 + 45 * MIN);
      at(h, T0 + 105 * MIN);
      at(h, T0 + 165 * MIN);

      assertThat(steps(h))
          .extracting(s -> tuple(s[0], s[1], s[2], s[3]))
          .containsExactly(
              tuple(Reason.OPENED, 1, 0, T0),
              tuple(Reason.ESCALATED, 2, 0, T0 + 15 * MIN),
              tuple(Reason.ESCALATED, 3, 0, T0 + 45 * MIN),
              tuple(Reason.REMINDER, 3, 1, T0 + 105 * MIN),
              tuple(Reason.REMINDER, 3, 2, T0 + 165 * MIN));
      assertThat(h.extractOutputValues().get(1).id()).isEqualTo("pi-1:t1:HIGH:1/ESCALATED/2/0");
    }
  }

  @Test
  void anAcknowledgementStopsTheEscalationForGood() throws Exception {
    try (var h = harness()) {
      at(h, T0);
      h.processElement(new StreamRecord<>(alarm(1, AlarmState.OPEN, Severity.CRITICAL)));
      at(h, T0 + 5 * MIN);
      h.processElement(new StreamRecord<>(alarm(2, AlarmState.ACKNOWLEDGED, Severity.CRITICAL)));
      at(h, T0 + 10 * 60 * MIN);

      assertThat(steps(h))
          .extracting(s -> tuple(s[0], s[1]))
          .containsExactly(tuple(Reason.OPENED, 1), tuple(Reason.ACKNOWLEDGED, 1));
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void clearedGoesToEveryLevelToldAndEndsEverything() throws Exception {
    try (var h = harness()) {
      at(h, T0);
      h.processElement(new StreamRecord<>(alarm(1, AlarmState.OPEN, Severity.CRITICAL)));
      at(h, T0 + 20 * MIN);
      h.processElement(new StreamRecord<>(alarm(2, AlarmState.CLEARED, Severity.CRITICAL)));
      at(h, T0 + 10 * 60 * MIN);

      assertThat(steps(h))
          .extracting(s -> tuple(s[0], s[1]))
          .containsExactly(
              tuple(Reason.OPENED, 1), tuple(Reason.ESCALATED, 2), tuple(Reason.CLEARED, 2));
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void repeatedAndOlderVersionsChangeNothing() throws Exception {
    try (var h = harness()) {
      at(h, T0);
      h.processElement(new StreamRecord<>(alarm(2, AlarmState.OPEN, Severity.WARNING)));
      h.processElement(new StreamRecord<>(alarm(2, AlarmState.OPEN, Severity.WARNING)));
      h.processElement(new StreamRecord<>(alarm(1, AlarmState.OPEN, Severity.WARNING)));
      h.processElement(new StreamRecord<>(alarm(3, AlarmState.ACKNOWLEDGED, Severity.WARNING)));
      h.processElement(new StreamRecord<>(alarm(3, AlarmState.ACKNOWLEDGED, Severity.WARNING)));
      h.processElement(new StreamRecord<>(alarm(4, AlarmState.CLEARED, Severity.WARNING)));
      h.processElement(new StreamRecord<>(alarm(4, AlarmState.CLEARED, Severity.WARNING)));

      assertThat(steps(h))
          .extracting(s -> s[0])
          .containsExactly(Reason.OPENED, Reason.ACKNOWLEDGED, Reason.CLEARED);
    }
  }

  @Test
  void anAlarmFirstSeenClearedWasNeverAnnouncedAndIsNot() throws Exception {
    try (var h = harness()) {
      at(h, T0);
      h.processElement(new StreamRecord<>(alarm(3, AlarmState.CLEARED, Severity.WARNING)));
      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void aWarningThatTurnsCriticalFollowsTheCriticalScheduleFromItsOpening() throws Exception {
    try (var h = harness()) {
      at(h, T0);
      h.processElement(new StreamRecord<>(alarm(1, AlarmState.OPEN, Severity.WARNING)));
      at(h, T0 + 20 * MIN);
      h.processElement(new StreamRecord<>(alarm(2, AlarmState.OPEN, Severity.CRITICAL)));
      at(h, T0 + 45 * MIN);

      assertThat(steps(h))
          .extracting(s -> tuple(s[0], s[1], s[3]))
          .containsExactly(
              tuple(Reason.OPENED, 1, T0),
              tuple(Reason.ESCALATED, 2, T0 + 20 * MIN),
              tuple(Reason.ESCALATED, 3, T0 + 45 * MIN));
    }
  }

  @Test
  void aRestoreInTheMiddleOfAnEscalationAnnouncesNothingAgainAndGoesOn() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      at(h, T0);
      h.processElement(new StreamRecord<>(alarm(1, AlarmState.OPEN, Severity.CRITICAL)));
      at(h, T0 + 15 * MIN);
      assertThat(h.extractOutputValues()).hasSize(2);
      snapshot = h.snapshot(1, T0 + 16 * MIN);
    }
    try (var restored =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new NotificationScheduler(ESCALATION)),
            new AlarmIdKey(),
            org.apache.flink.api.common.typeinfo.Types.STRING)) {
      restored.setup();
      restored.initializeState(snapshot);
      restored.open();
      at(restored, T0 + 20 * MIN);
      restored.processElement(new StreamRecord<>(alarm(1, AlarmState.OPEN, Severity.CRITICAL)));
      assertThat(restored.extractOutputValues()).as("the replayed version").isEmpty();

      at(restored, T0 + 45 * MIN);

      assertThat(steps(restored))
          .extracting(s -> tuple(s[0], s[1], s[3]))
          .containsExactly(tuple(Reason.ESCALATED, 3, T0 + 45 * MIN));
    }
  }
}
