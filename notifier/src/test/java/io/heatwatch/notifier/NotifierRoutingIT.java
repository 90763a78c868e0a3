package io.heatwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.notifier.deliver.DeliveryState;
import io.heatwatch.notifier.deliver.Intents;
import io.heatwatch.notifier.deliver.LogEntry;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's proofs 5 (a storm: 200 devices of one site silent) and 7 (quiet hours) over real
 * Kafka, GreenMail and a webhook receiver, with windows of seconds instead of minutes.
 */
@ExtendWith(KafkaExtension.class)
class NotifierRoutingIT {
  private static final Duration GROUP = Duration.ofSeconds(4);

  private KafkaServer kafka;
  private Receivers receivers;
  private KafkaProducer<String, byte[]> producer;
  private NotifierStack stack;
  private Notifier notifier;
  private Path dir;
  private final List<LogEntry> recorded = new CopyOnWriteArrayList<>();
  // A site of this test's own: the broker is shared with the other ITs, and what they left in the
  // topics matches no policy here.
  private final String site =
      "routing-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);

  @BeforeEach
  void start(KafkaServer kafka, @TempDir Path dir) throws Exception {
    this.kafka = kafka;
    this.dir = dir;
    stack = NotifierStack.start(kafka);
    receivers = stack.receivers();
    producer = stack.producer();
  }

  @AfterEach
  void stop() {
    if (notifier != null) {
      notifier.close();
    }
    stack.close();
  }

  @Test
  void twoHundredDevicesOfASiteSilentMakeOneMessagePerRecipientInTheFirstWindowNamingTheSite() {
    notifier =
        Notifier.start(
            config("groupWindow: 0 s", "groupWindow: " + GROUP.toMillis() + " ms", "", ""),
            Clock.systemUTC(),
            recorded::add);
    Instant t0 = Instant.now();
    for (int d = 0; d < 200; d++) {
      Alarm offline =
          Intents.alarm("dev-" + d + ":-:DEVICE_OFFLINE:" + t0.toEpochMilli(), t0).toBuilder()
              .site(site)
              .deviceId("dev-" + d)
              .sensorId(null)
              .kind(AlarmKind.DEVICE_OFFLINE)
              .severity(Severity.WARNING)
              .build();
      Notification n = Intents.intent(offline, Reason.OPENED, 1, 0);
      producer.send(
          new ProducerRecord<>(KafkaTopics.NOTIFICATIONS, n.alarmId(), TelemetryCodec.encode(n)));
    }
    Alarm siteAlarm =
        Intents.alarm(Pipeline.DEVICE_ID + ":-:SITE_UNREACHABLE:" + t0.toEpochMilli(), t0)
            .toBuilder()
            .site(site)
            .deviceId(Pipeline.DEVICE_ID)
            .sensorId(null)
            .kind(AlarmKind.SITE_UNREACHABLE)
            .severity(Severity.CRITICAL)
            .message("200 of 200 devices at " + site + " silent")
            .build();
    send(Intents.intent(siteAlarm, Reason.OPENED, 1, 0));

    // In the first window: the first alarm only, on each channel, naming the site.
    await().atMost(Duration.ofSeconds(20)).until(() -> hooks().size() >= 1 && mails().size() >= 1);
    assertThat(Duration.between(t0, Instant.now())).isLessThan(GROUP);
    assertThat(hooks()).hasSize(1);
    assertThat(mails()).hasSize(1);

    // At the window's end: one message about the site, the device alarms it stands for left out.
    await().atMost(Duration.ofSeconds(20)).until(() -> hooks().size() == 2 && mails().size() == 2);
    assertThat(hooks().get(1)).contains("SITE_UNREACHABLE");
    assertThat(mails().get(1)).contains("SITE_UNREACHABLE");
    // Every device alarm still has its line in the delivery log, saying why nobody was told.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                recorded.stream()
                        .filter(e -> e.state() == DeliveryState.SUPPRESSED)
                        .filter(e -> e.detail().contains(siteAlarm.alarmId()))
                        .count()
                    == 2 * 199);
    // Nothing more comes in the next window.
    await()
        .during(GROUP.plusSeconds(1))
        .atMost(GROUP.plusSeconds(3))
        .until(() -> hooks().size() == 2 && mails().size() == 2);
  }

  @Test
  void quietHoursHoldAWarningUntilTheyEndAndLetACriticalThroughAtOnce() {
    // Quiet hours that began a minute ago and end in a few seconds (UTC).
    Instant end = Instant.now().plusSeconds(5);
    LocalTime from = LocalTime.ofInstant(end.minusSeconds(65), ZoneOffset.UTC).withNano(0);
    LocalTime until = LocalTime.ofInstant(end, ZoneOffset.UTC).withNano(0);
    notifier =
        Notifier.start(
            config(
                "maria: {name: Maria, email: maria@example.com}",
                "maria: {name: Maria, email: maria@example.com, quietHours: {from: \""
                    + from
                    + "\", until: \""
                    + until
                    + "\", zone: UTC}}",
                "",
                ""),
            Clock.systemUTC(),
            recorded::add);
    Instant t0 = Instant.now();
    Alarm warning =
        Intents.alarm("dev-1:t1:HIGH:" + t0.toEpochMilli(), t0).toBuilder()
            .site(site)
            .severity(Severity.WARNING)
            .build();
    Alarm critical =
        Intents.alarm("dev-2:t1:HIGH:" + t0.toEpochMilli(), t0).toBuilder()
            .site(site)
            .deviceId("dev-2")
            .build();
    send(Intents.intent(warning, Reason.OPENED, 1, 0));
    send(Intents.intent(critical, Reason.OPENED, 1, 0));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> mails().stream().anyMatch(s -> s.contains("dev-2")));
    assertThat(Instant.now()).as("the critical came before the quiet hours ended").isBefore(end);
    assertThat(mails()).noneMatch(s -> s.contains("dev-1"));
    assertThat(receivers.hooks())
        .as("a channel without a recipient has no quiet hours")
        .anyMatch(h -> h.body().contains(warning.alarmId()));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> mails().stream().anyMatch(s -> s.contains("dev-1")));
    assertThat(Instant.now()).as("the warning waited for the end").isAfter(end.minusMillis(1000));
  }

  /** The webhook bodies about this test's site. */
  private List<String> hooks() {
    return receivers.hooks().stream()
        .map(Receivers.Hook::body)
        .filter(b -> b.contains(site))
        .toList();
  }

  /** The subjects of the mails about this test's site. */
  private List<String> mails() {
    return receivers.mailSubjects().stream().filter(m -> m.contains(site)).toList();
  }

  private NotifierConfig config(String from1, String to1, String from2, String to2) {
    String yaml =
        NotifierYaml.of(kafka.bootstrapServers(), receivers, Receivers.freePort(), dir)
            .replace("match: {sites: [home]}", "match: {sites: [" + site + "]}")
            .replace(from1, to1);
    if (!from2.isEmpty()) {
      yaml = yaml.replace(from2, to2);
    }
    return NotifierConfig.parse("routing", yaml);
  }

  private void send(Notification n) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  KafkaTopics.NOTIFICATIONS, n.alarmId(), TelemetryCodec.encode(n)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
