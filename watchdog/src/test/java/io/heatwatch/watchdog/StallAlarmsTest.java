package io.heatwatch.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.AlarmCommand.Action;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Pipeline.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StallAlarmsTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  private final StallAlarms alarms = new StallAlarms();

  private static StallJudge.Verdict stalledAt(Stage stage) {
    return new StallJudge.Verdict(
        List.of(), Optional.of(stage), "stalled at " + stage, Duration.ZERO, false);
  }

  private static final StallJudge.Verdict FLOWING =
      new StallJudge.Verdict(List.of(), Optional.empty(), "", Duration.ZERO, true);

  /** Just started: no stall can be named yet, and no canary came through yet either. */
  private static final StallJudge.Verdict WARMING_UP =
      new StallJudge.Verdict(List.of(), Optional.empty(), "", Duration.ZERO, false);

  @Test
  void oneAlarmPerEpisodeOpenedCriticalWithTheStageAndClearedAsANewVersion() {
    List<Alarm> opened = alarms.apply(stalledAt(Stage.BRIDGE), T0);
    assertEquals(1, opened.size());
    Alarm a = opened.get(0);
    assertEquals(AlarmKind.PIPELINE_STALLED, a.kind());
    assertEquals(Severity.CRITICAL, a.severity());
    assertEquals(Pipeline.SITE, a.site());
    assertEquals(Pipeline.DEVICE_ID, a.deviceId());
    assertEquals("bridge", a.sensorId());
    assertEquals(
        Alarm.idFor(Pipeline.DEVICE_ID, "bridge", AlarmKind.PIPELINE_STALLED, T0), a.alarmId());

    assertEquals(List.of(), alarms.apply(stalledAt(Stage.BRIDGE), T0.plusSeconds(5)));

    List<Alarm> cleared = alarms.apply(FLOWING, T0.plusSeconds(60));
    assertEquals(1, cleared.size());
    assertEquals(a.alarmId(), cleared.get(0).alarmId());
    assertEquals(2, cleared.get(0).version());
    assertEquals(AlarmState.CLEARED, cleared.get(0).state());
    assertEquals(T0.plusSeconds(60), cleared.get(0).clearedAt());
    assertEquals(List.of(), alarms.apply(FLOWING, T0.plusSeconds(65)));
  }

  @Test
  void aStallThatMovesToAnotherStageClearsTheFirstAndOpensOneForTheNext() {
    Alarm bridge = alarms.apply(stalledAt(Stage.BRIDGE), T0).get(0);
    List<Alarm> out = alarms.apply(stalledAt(Stage.JOB), T0.plusSeconds(30));
    assertEquals(2, out.size());
    assertEquals(bridge.alarmId(), out.get(0).alarmId());
    assertEquals(AlarmState.CLEARED, out.get(0).state());
    assertEquals("job", out.get(1).sensorId());
    assertEquals(AlarmState.OPEN, out.get(1).state());
  }

  @Test
  void anAlarmAdoptedAtStartIsKeptNotDuplicatedAndClearedWithTheNextVersion() {
    Alarm before = alarms.apply(stalledAt(Stage.JOB), T0).get(0);
    StallAlarms restarted = new StallAlarms();
    restarted.adopt(before);
    assertEquals(
        List.of(),
        restarted.apply(WARMING_UP, T0.plusSeconds(61)),
        "not cleared before a canary came through");
    assertEquals(List.of(), restarted.apply(stalledAt(Stage.JOB), T0.plusSeconds(90)));
    List<Alarm> cleared = restarted.apply(FLOWING, T0.plusSeconds(120));
    assertEquals(before.alarmId(), cleared.get(0).alarmId());
    assertEquals(2, cleared.get(0).version());
    assertTrue(cleared.get(0).message().startsWith("cleared: the canary flows again"));
  }

  @Test
  void anOperatorAcknowledgesTheOpenAlarmOnceAndItStillClearsWhenTheCanaryFlows() {
    Alarm a = alarms.apply(stalledAt(Stage.JOB), T0).get(0);
    AlarmCommand ack =
        AlarmCommand.of(a.alarmId(), Action.ACKNOWLEDGE, "olga", "on it", T0.plusSeconds(30));
    assertEquals(
        Optional.empty(),
        alarms.command(AlarmCommand.of("other", Action.ACKNOWLEDGE, "olga", null, T0)));

    Alarm acked = alarms.command(ack).orElseThrow();
    assertEquals(AlarmState.ACKNOWLEDGED, acked.state());
    assertEquals(2, acked.version());
    assertEquals("olga", acked.ackedBy());
    assertEquals("on it", acked.ackComment());
    assertEquals(Optional.empty(), alarms.command(ack), "acknowledged already");
    assertEquals(List.of(), alarms.apply(stalledAt(Stage.JOB), T0.plusSeconds(40)));

    Alarm cleared = alarms.apply(FLOWING, T0.plusSeconds(60)).get(0);
    assertEquals(3, cleared.version());
    assertEquals(AlarmState.CLEARED, cleared.state());
    assertEquals("olga", cleared.ackedBy());
  }

  @Test
  void aResolvedAlarmWhoseStallGoesOnIsOpenedAgainAsANewAlarm() {
    Alarm a = alarms.apply(stalledAt(Stage.JOB), T0).get(0);
    Alarm resolved =
        alarms
            .command(
                AlarmCommand.of(
                    a.alarmId(), Action.RESOLVE, "olga", "job redeployed", T0.plusSeconds(9)))
            .orElseThrow();
    assertEquals(AlarmState.CLEARED, resolved.state());
    assertTrue(resolved.message().contains("resolved by olga: job redeployed"), resolved.message());
    assertEquals(Optional.empty(), alarms.open());

    Alarm again = alarms.apply(stalledAt(Stage.JOB), T0.plusSeconds(10)).get(0);
    assertEquals(1, again.version());
    assertTrue(!again.alarmId().equals(a.alarmId()));
  }
}
