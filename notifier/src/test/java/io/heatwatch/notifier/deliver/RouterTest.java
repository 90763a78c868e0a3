package io.heatwatch.notifier.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.notifier.config.Recipient;
import io.heatwatch.notifier.config.RoutingSettings;
import io.heatwatch.notifier.config.Target;
import io.heatwatch.notifier.route.MaintenanceWindow;
import io.heatwatch.notifier.route.QuietHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
  private static final Target MARIA = new Target("maria", "mail");
  private static final Target HOOK = new Target(null, "hook");
  private static final Recipient MARIA_NIGHTS =
      new Recipient(
          "maria",
          "Maria",
          "maria@example.com",
          null,
          new QuietHours(LocalTime.of(11, 0), LocalTime.of(13, 0), ZoneOffset.UTC));

  private static Router router(RoutingSettings settings, Recipient... recipients) {
    Map<String, Recipient> byId = new java.util.HashMap<>();
    for (Recipient r : recipients) {
      byId.put(r.id(), r);
    }
    return new Router(settings, byId);
  }

  private static Notification intent(
      String id, String site, String device, AlarmKind kind, Severity severity, Reason reason) {
    Alarm alarm =
        Intents.alarm(id, T0).toBuilder()
            .site(site)
            .deviceId(device)
            .sensorId(
                kind == AlarmKind.DEVICE_OFFLINE || kind == AlarmKind.SITE_UNREACHABLE
                    ? null
                    : "t1")
            .kind(kind)
            .severity(severity)
            .build();
    return Notification.about(
        alarm, reason, reason == Reason.ESCALATED ? 2 : 1, reason == Reason.REMINDER ? 1 : 0, T0);
  }

  private static Notification opened(String id, String site, String device, AlarmKind kind) {
    return intent(id, site, device, kind, Severity.WARNING, Reason.OPENED);
  }

  @Test
  void aWarningInQuietHoursWaitsForTheirEndAndACriticalGoesAtOnce() {
    Router router =
        router(new RoutingSettings(Duration.ZERO, Duration.ZERO, List.of()), MARIA_NIGHTS);
    Notification warning = opened("a", "home", "dev-1", AlarmKind.HIGH);
    Notification critical =
        intent("b", "home", "dev-2", AlarmKind.HIGH, Severity.CRITICAL, Reason.OPENED);

    Router.Decision held = router.route(warning, MARIA, T0);
    assertThat(held.due()).isEqualTo(Instant.parse("2026-12-05T13:00:00Z"));
    assertThat(held.batch()).isEqualTo("quiet");
    assertThat(held.detail()).contains("quiet hours");
    assertThat(router.route(critical, MARIA, T0).due()).isNull();
    // a channel with no recipient (a chat room) has no quiet hours
    assertThat(router.route(warning, HOOK, T0).due()).isNull();
  }

  @Test
  void theFirstAlarmOfASiteGoesAtOnceAndTheOthersInTheWindowTogetherAtItsEnd() {
    Router router = router(new RoutingSettings(Duration.ofMinutes(1), Duration.ZERO, List.of()));
    Router.Decision first = router.route(opened("a", "b", "dev-1", AlarmKind.HIGH), HOOK, T0);
    Router.Decision second =
        router.route(opened("b", "b", "dev-2", AlarmKind.HIGH), HOOK, T0.plusSeconds(10));
    Router.Decision elsewhere =
        router.route(opened("c", "c", "dev-3", AlarmKind.HIGH), HOOK, T0.plusSeconds(10));
    Router.Decision after =
        router.route(opened("d", "b", "dev-4", AlarmKind.HIGH), HOOK, T0.plusSeconds(61));

    assertThat(first.due()).isNull();
    assertThat(second.due()).isEqualTo(T0.plusSeconds(60));
    assertThat(second.batch()).isEqualTo(first.batch()).isEqualTo("site:b");
    assertThat(elsewhere.due()).as("another site has its own window").isNull();
    assertThat(after.due()).as("a new window").isNull();
  }

  @Test
  void whileASiteIsUnreachableItsDeviceAlarmsAreSuppressedOpenedToCleared() {
    Router router = router(RoutingSettings.DEFAULTS);
    Notification site =
        intent(
            "heatwatch-pipeline:-:SITE_UNREACHABLE:1",
            "b",
            "heatwatch-pipeline",
            AlarmKind.SITE_UNREACHABLE,
            Severity.CRITICAL,
            Reason.OPENED);
    assertThat(router.observe(site, T0)).isNull();
    Notification offline =
        opened("dev-7:-:DEVICE_OFFLINE:1", "b", "dev-7", AlarmKind.DEVICE_OFFLINE);
    assertThat(router.observe(offline, T0)).contains("suppressed by " + site.alarmId());
    assertThat(
            router.observe(
                intent(
                    offline.alarmId(),
                    "b",
                    "dev-7",
                    AlarmKind.DEVICE_OFFLINE,
                    Severity.WARNING,
                    Reason.CLEARED),
                T0))
        .as("its clearing is not news either")
        .isNotNull();
    assertThat(router.observe(opened("x", "c", "dev-8", AlarmKind.DEVICE_OFFLINE), T0))
        .as("another site")
        .isNull();
    assertThat(router.observe(opened("y", "b", "dev-9", AlarmKind.HIGH), T0))
        .as("a temperature alarm is news")
        .isNull();

    Notification siteCleared =
        intent(
            site.alarmId(),
            "b",
            "heatwatch-pipeline",
            AlarmKind.SITE_UNREACHABLE,
            Severity.CRITICAL,
            Reason.CLEARED);
    router.observe(siteCleared, T0.plusSeconds(5));
    assertThat(router.observe(opened("z", "b", "dev-10", AlarmKind.DEVICE_OFFLINE), T0)).isNull();
  }

  @Test
  void aDeviceAlarmWaitingInAGroupWindowIsSuppressedOnceTheSiteAlarmCame() {
    Router router = router(RoutingSettings.DEFAULTS);
    Notification offline =
        opened("dev-7:-:DEVICE_OFFLINE:1", "b", "dev-7", AlarmKind.DEVICE_OFFLINE);
    assertThat(router.observe(offline, T0)).isNull();
    assertThat(router.coveredBySite(offline)).isNull();
    router.observe(
        intent(
            "s",
            "b",
            "heatwatch-pipeline",
            AlarmKind.SITE_UNREACHABLE,
            Severity.CRITICAL,
            Reason.OPENED),
        T0);
    assertThat(router.coveredBySite(offline)).contains("suppressed by s");
  }

  @Test
  void aMaintenanceWindowSuppressesUntilItEndsThenEscalationsGoOut() {
    MaintenanceWindow w =
        new MaintenanceWindow(
            "defrost-b",
            T0.minusSeconds(60),
            T0.plus(Duration.ofHours(1)),
            Set.of("b"),
            Set.of(),
            "tom",
            "planned defrost");
    Router router = router(new RoutingSettings(Duration.ZERO, Duration.ZERO, List.of(w)));
    Notification opened = opened("a", "b", "dev-1", AlarmKind.HIGH);
    assertThat(router.observe(opened, T0)).contains("maintenance defrost-b by tom");
    assertThat(
            router.observe(
                intent("a", "b", "dev-1", AlarmKind.HIGH, Severity.WARNING, Reason.ESCALATED),
                T0.plus(Duration.ofMinutes(30))))
        .as("still inside the window")
        .isNotNull();
    assertThat(
            router.observe(
                intent("a", "b", "dev-1", AlarmKind.HIGH, Severity.WARNING, Reason.REMINDER),
                T0.plus(Duration.ofMinutes(61))))
        .as("the window ended and the alarm is still on: people hear of it")
        .isNull();
    assertThat(router.observe(opened("c", "c", "dev-1", AlarmKind.HIGH), T0))
        .as("other site")
        .isNull();
  }

  @Test
  void anAlarmOpeningAgainSoonAfterOneAnnouncedIsNotPagedAgainUntilTheFlapWindowPassed() {
    Router router = router(new RoutingSettings(Duration.ZERO, Duration.ofMinutes(30), List.of()));
    assertThat(router.observe(opened("a1", "b", "dev-1", AlarmKind.HIGH), T0)).isNull();
    assertThat(
            router.observe(
                opened("a2", "b", "dev-1", AlarmKind.HIGH), T0.plus(Duration.ofMinutes(5))))
        .contains("flapping");
    assertThat(
            router.observe(
                opened("a3", "b", "dev-2", AlarmKind.HIGH), T0.plus(Duration.ofMinutes(5))))
        .as("another device")
        .isNull();
    assertThat(
            router.observe(
                opened("a4", "b", "dev-1", AlarmKind.HIGH), T0.plus(Duration.ofMinutes(31))))
        .isNull();
  }

  @Test
  void theSameIntentSeenTwiceGetsTheSameAnswer() {
    Router router = router(new RoutingSettings(Duration.ZERO, Duration.ofMinutes(30), List.of()));
    Notification first = opened("a1", "b", "dev-1", AlarmKind.HIGH);
    assertThat(router.observe(first, T0)).isNull();
    // replayed from the delivery log at start, then read again from the intents
    assertThat(router.observe(first, T0.plusSeconds(1))).isNull();
    Notification again = opened("a2", "b", "dev-1", AlarmKind.HIGH);
    String why = router.observe(again, T0.plusSeconds(60));
    assertThat(router.observe(again, T0.plusSeconds(61))).isEqualTo(why).isNotNull();
  }
}
