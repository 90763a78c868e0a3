package io.heatwatch.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.notifier.deliver.Intents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static final Target MARIA_MAIL = new Target("maria", "mail");
  private static final Target TEAM_HOOK = new Target(null, "hook");
  private static final Target BOSS_MAIL = new Target("boss", "mail");
  private static final Target BOSS_SMS = new Target("boss", "sms");
  private static final Policy POLICY =
      new Policy(
          "p",
          Match.ANY,
          List.of(
              new Level(List.of(MARIA_MAIL, TEAM_HOOK)),
              new Level(List.of(BOSS_MAIL, TEAM_HOOK)),
              new Level(List.of(BOSS_SMS))));
  private static final Alarm ALARM = Intents.alarm("a1", Instant.parse("2026-12-05T10:00:00Z"));

  @Test
  void openedReachesLevelOne() {
    assertThat(Targets.of(POLICY, Intents.intent(ALARM, Reason.OPENED, 1, 0)))
        .containsExactly(MARIA_MAIL, TEAM_HOOK);
  }

  @Test
  void escalatedNReachesLevelNAndBeyondTheLastTheLast() {
    assertThat(Targets.of(POLICY, Intents.intent(ALARM, Reason.ESCALATED, 2, 0)))
        .containsExactly(BOSS_MAIL, TEAM_HOOK);
    assertThat(Targets.of(POLICY, Intents.intent(ALARM, Reason.ESCALATED, 7, 0)))
        .containsExactly(BOSS_SMS);
  }

  @Test
  void aReminderReachesTheCurrentLevel() {
    assertThat(Targets.of(POLICY, Intents.intent(ALARM, Reason.REMINDER, 2, 3)))
        .containsExactly(BOSS_MAIL, TEAM_HOOK);
  }

  @Test
  void acknowledgedAndClearedReachEveryoneToldSoFarOnce() {
    assertThat(Targets.of(POLICY, Intents.intent(ALARM, Reason.ACKNOWLEDGED, 2, 0)))
        .containsExactly(MARIA_MAIL, TEAM_HOOK, BOSS_MAIL);
    assertThat(Targets.of(POLICY, Intents.intent(ALARM, Reason.CLEARED, 1, 0)))
        .containsExactly(MARIA_MAIL, TEAM_HOOK);
    assertThat(Targets.of(POLICY, Intents.intent(ALARM, Reason.CLEARED, 9, 0)))
        .containsExactly(MARIA_MAIL, TEAM_HOOK, BOSS_MAIL, BOSS_SMS);
  }
}
