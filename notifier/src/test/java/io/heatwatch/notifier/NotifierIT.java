package io.heatwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.ChannelTest;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.model.NotifierSettings;
import io.heatwatch.model.SealedSecret;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.notifier.config.Target;
import io.heatwatch.notifier.deliver.DeliveryState;
import io.heatwatch.notifier.deliver.Intents;
import io.heatwatch.notifier.deliver.LogEntry;
import io.heatwatch.notifier.deliver.NotificationIds;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier over real Kafka, a real SMTP server (GreenMail) and a real webhook receiver:
 * delivery, restarts, a dead channel and NOTIFICATION_FAILED, ACKNOWLEDGED to everyone told.
 */
@ExtendWith(KafkaExtension.class)
class NotifierIT {
  private static final Target MARIA_MAIL = new Target("maria", "mail");
  private static final Target BOSS_MAIL = new Target("boss", "mail");
  private static final Target HOOK = new Target(null, "hook");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private KafkaServer kafka;
  private Receivers receivers;
  private KafkaProducer<String, byte[]> producer;
  private NotifierStack stack;
  private Notifier notifier;
  private Path dir;
  private int httpPort;

  @BeforeEach
  void start(KafkaServer kafka, @TempDir Path dir) throws Exception {
    this.kafka = kafka;
    this.dir = dir;
    httpPort = Receivers.freePort();
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
  void anOpenedIntentReachesEmailAndAWebhookCarryingItsId() throws Exception {
    List<LogEntry> recorded = new CopyOnWriteArrayList<>();
    notifier = Notifier.start(config(), Clock.systemUTC(), recorded::add);
    Notification opened = opened();
    Alarm elsewhere = opened().alarm().toBuilder().site("elsewhere").build();
    send(Intents.intent(elsewhere, Reason.OPENED, 1, 0));
    send(opened);

    String mailId = NotificationIds.of(opened.id(), MARIA_MAIL);
    String hookId = NotificationIds.of(opened.id(), HOOK);
    await().atMost(WAIT).until(() -> mailsWith(mailId) == 1 && hooksWith(hookId) == 1);
    assertThat(
            receivers.hooks().stream().filter(h -> h.id().equals(hookId)).findFirst().get().body())
        .contains(opened.alarmId());
    // The receiver has the mail before the sender records SENT and stops counting it pending.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(notifier.status().channels().get("mail").pending()).isZero());
    // The listener (the local stack prints deliveries with it) heard of both, as SENT.
    await()
        .atMost(WAIT)
        .until(
            () ->
                recorded.stream()
                    .filter(e -> e.state() == DeliveryState.SENT)
                    .map(LogEntry::id)
                    .toList()
                    .containsAll(List.of(mailId, hookId)));
    // An alarm no policy matches is counted, and nobody hears of it.
    assertThat(notifier.status().unmatchedIntents()).isEqualTo(1);
    assertThat(receivers.hooks()).noneMatch(h -> h.body().contains(elsewhere.alarmId()));

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":", "\"mail\"", "\"hook\"", "\"consumerLag\":");

    // The mail carries an acknowledgement link the notifier itself serves.
    String body = receivers.mailBody(mailId);
    Matcher link =
        Pattern.compile("http://127\\.0\\.0\\.1:" + httpPort + "/ack/[A-Za-z0-9._~-]+")
            .matcher(body);
    assertThat(link.find()).as("an /ack/ link in %s", body).isTrue();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(link.group())).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("I'm on it");
  }

  @Test
  void aNotifierClosedAndStartedAgainMidStreamSendsNoIdTwice() {
    notifier = Notifier.start(config(), Clock.systemUTC());
    List<Notification> first = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      first.add(opened());
    }
    first.forEach(this::send);
    await().atMost(WAIT).until(() -> receivers.hooks().size() >= 3);
    notifier.close();

    notifier = Notifier.start(config(), Clock.systemUTC());
    // The job may emit the same intents again after a restore: they must not go out twice either.
    first.forEach(this::send);
    List<Notification> second = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      second.add(opened());
    }
    second.forEach(this::send);

    Set<String> expected = new HashSet<>();
    for (Notification n : concat(first, second)) {
      expected.add(NotificationIds.of(n.id(), MARIA_MAIL));
      expected.add(NotificationIds.of(n.id(), HOOK));
    }
    await().atMost(WAIT).until(() -> receivedIds().containsAll(expected));
    List<String> all = receivedIds();
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void smtpDownRaisesNotificationFailedThroughTheWebhookAndEverythingGoesWhenItIsBack() {
    Instant started = Instant.now();
    notifier = Notifier.start(config(), Clock.systemUTC());
    receivers.stopSmtp();
    Notification opened = opened();
    send(opened);

    await().atMost(WAIT).until(() -> hooksContaining("NOTIFICATION_FAILED", "OPENED").size() == 1);
    assertThat(notifier.status().notificationFailed()).containsKey("mail");
    assertThat(mailsWith(NotificationIds.of(opened.id(), MARIA_MAIL))).isZero();

    receivers.startSmtp();
    await()
        .atMost(WAIT)
        .until(
            () ->
                mailsWith(NotificationIds.of(opened.id(), MARIA_MAIL)) == 1
                    && hooksContaining("NOTIFICATION_FAILED", "CLEARED").size() == 1);
    await().atMost(WAIT).until(() -> notifier.status().notificationFailed().isEmpty());
    List<Alarm> failures = notificationFailedAlarms("mail", started);
    assertThat(failures)
        .extracting(Alarm::state)
        .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
    assertThat(failures).extracting(Alarm::sensorId).containsOnly("mail");
  }

  @Test
  void aChannelThatRefusesEverythingRaisesNotificationFailedThroughAnother() {
    notifier = Notifier.start(config(), Clock.systemUTC());
    // A revoked Slack or Teams URL answers 404 to every message: nothing waits, all is refused.
    receivers.hookAnswers(404);
    send(opened());

    await()
        .atMost(WAIT)
        .until(
            () ->
                receivers.mailSubjects().stream()
                    .anyMatch(s -> s.startsWith("[CRITICAL] NOTIFICATION_FAILED")));
    assertThat(notifier.status().notificationFailed()).containsKey("hook");
    // The notifier's own alarm is not the job's: there is nothing to acknowledge from the message.
    String failureId = notifier.status().notificationFailed().get("hook");
    String failureMail = NotificationIds.of(failureId + "/OPENED/1/0", MARIA_MAIL);
    assertThat(receivers.mailBody(failureMail))
        .contains("NOTIFICATION_FAILED")
        .doesNotContain("/ack/");

    receivers.hookAnswers(204);
    Notification next = opened();
    send(next);
    await()
        .atMost(WAIT)
        .until(
            () ->
                hooksWith(NotificationIds.of(next.id(), HOOK)) == 1
                    && notifier.status().notificationFailed().isEmpty());
  }

  @Test
  void acknowledgedGoesToEveryoneToldSoFarEachOnce() {
    notifier = Notifier.start(config(), Clock.systemUTC());
    Notification opened = opened();
    Alarm acked =
        opened.alarm().toBuilder()
            .version(2)
            .state(AlarmState.ACKNOWLEDGED)
            .ackedBy("maria")
            .build();
    Notification escalated = Intents.intent(opened.alarm(), Reason.ESCALATED, 2, 0);
    Notification ack = Intents.intent(acked, Reason.ACKNOWLEDGED, 2, 0);
    send(opened);
    send(escalated);
    send(ack);

    await()
        .atMost(WAIT)
        .until(
            () ->
                mailsWith(NotificationIds.of(ack.id(), MARIA_MAIL)) == 1
                    && mailsWith(NotificationIds.of(ack.id(), BOSS_MAIL)) == 1
                    && hooksWith(NotificationIds.of(ack.id(), HOOK)) == 1);
    assertThat(mailsWith(NotificationIds.of(escalated.id(), BOSS_MAIL))).isEqualTo(1);
    assertThat(mailsWith(NotificationIds.of(escalated.id(), MARIA_MAIL))).isZero();
  }

  @Test
  void aChannelTestFromTheSettingsTopicIsSentAtOnceAndOneThatCannotBeSentIsRecordedFailed() {
    List<LogEntry> recorded = new CopyOnWriteArrayList<>();
    notifier = Notifier.start(config(), Clock.systemUTC(), recorded::add);
    // The notifier lists what can be tested: its channels and recipients, nothing secret.
    await().atMost(WAIT).until(() -> settings().containsKey("catalogue"));
    String catalogue = settings().get("catalogue");
    assertThat(catalogue).contains("\"id\":\"mail\"", "\"id\":\"hook\"", "\"id\":\"maria\"");
    assertThat(catalogue).doesNotContain("@", "password", "secret");

    ChannelTest mail =
        ChannelTest.of(UUID.randomUUID().toString(), "mail", "maria", "admin", Instant.now());
    ChannelTest hook =
        ChannelTest.of(UUID.randomUUID().toString(), "hook", null, "admin", Instant.now());
    ChannelTest nowhere =
        ChannelTest.of(UUID.randomUUID().toString(), "pager", null, "admin", Instant.now());
    ChannelTest old =
        ChannelTest.of(
            UUID.randomUUID().toString(),
            "hook",
            null,
            "admin",
            Instant.now().minus(Duration.ofHours(2)));
    for (ChannelTest t : List.of(old, mail, hook, nowhere)) {
      sendSetting(t.key(), TelemetryCodec.encode(t));
    }
    sendSetting("test/broken", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    String mailId = NotificationIds.of(mail.alarmId() + "/TEST/1/0", new Target("maria", "mail"));
    String hookId = NotificationIds.of(hook.alarmId() + "/TEST/1/0", HOOK);
    await().atMost(WAIT).until(() -> mailsWith(mailId) == 1 && hooksWith(hookId) == 1);
    assertThat(receivers.mailBody(mailId)).contains("This is a test", "requested by admin");
    assertThat(hooksContaining(hook.alarmId())).hasSize(1);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .filteredOn(e -> e.intent().alarmId().equals(nowhere.alarmId()))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.state()).isEqualTo(DeliveryState.FAILED);
                          assertThat(e.detail()).contains("no channel pager");
                        }));
    assertThat(recorded)
        .filteredOn(e -> e.intent().alarmId().equals(hook.alarmId()))
        .extracting(LogEntry::state)
        .contains(DeliveryState.SENT);
    // The request from two hours ago is not sent: a restart does not replay old tests.
    assertThat(hooksContaining(old.alarmId())).isEmpty();
  }

  @Test
  void settingsSavedInTheConsoleAreAppliedKeptOverARestartAndOnesWithProblemsChangeNothing()
      throws Exception {
    try {
      notifier = Notifier.start(config(), Clock.systemUTC());
      await().atMost(WAIT).until(() -> settings().containsKey(NotifierSettings.APPLIED_KEY));
      JsonNode fromFile = applied();
      assertThat(fromFile.path("version").asLong()).isZero();
      assertThat(fromFile.path("source").asText()).isEqualTo("file");
      assertThat(fromFile.path("channels").asText()).contains("hook:", "mail:");

      // A new channel and a policy that uses only it, as an operator saves them in the console:
      // its signing secret typed in there, sealed with the key the notifier's catalogue publishes.
      String published = settings().get("catalogue");
      String sealingKey = new ObjectMapper().readTree(published).path("sealingKey").asText();
      String secretB = "whsec_YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI=";
      String sealed = SealedSecret.seal(SealedSecret.publicKey(sealingKey), secretB);
      String channels =
          fromFile.path("channels").asText()
              + "hook-b:\n  type: webhook\n  url: "
              + receivers.hookUrl()
              + "\n  secret: "
              + sealed
              + "\n";
      String policies =
          "- name: home\n  match: {sites: [home]}\n  levels:\n"
              + "    - notify: [{channel: hook-b}]\n";
      saveSettings(1, channels, fromFile.path("recipients").asText(), policies);
      await().atMost(WAIT).until(() -> applied().path("version").asLong() == 1);
      Notification first = opened();
      send(first);
      Target hookB = new Target(null, "hook-b");
      await().atMost(WAIT).until(() -> hooksWith(NotificationIds.of(first.id(), hookB)) == 1);
      assertThat(mailsWith(NotificationIds.of(first.id(), MARIA_MAIL))).isZero();
      // signed with the secret typed in, which only the notifier could open
      Receivers.Hook signed =
          receivers.hooks().stream()
              .filter(h -> NotificationIds.of(first.id(), hookB).equals(h.id()))
              .findFirst()
              .orElseThrow();
      assertThat(signed.signedWith(secretB)).isTrue();
      assertThat(signed.signedWith(NotifierYaml.WEBHOOK_SECRET)).isFalse();
      assertThat(applied().path("channels").asText()).contains(sealed).doesNotContain(secretB);
      assertThat(settings().get("catalogue")).contains("\"id\":\"hook-b\"");

      // An edit naming a channel nobody configured changes nothing, and says where and why.
      saveSettings(
          2,
          channels,
          fromFile.path("recipients").asText(),
          "- name: home\n  levels:\n    - notify: [{channel: pager}]\n");
      await().atMost(WAIT).until(() -> applied().path("rejected").path("version").asLong() == 2);
      assertThat(applied().path("version").asLong()).isEqualTo(1);
      assertThat(applied().path("rejected").path("problems").toString())
          .contains("policies[0].levels[0].notify[0].channel", "pager");

      // A restart keeps the console's settings in effect, not the file's.
      notifier.close();
      notifier = Notifier.start(config(), Clock.systemUTC());
      Notification second = opened();
      send(second);
      await().atMost(WAIT).until(() -> hooksWith(NotificationIds.of(second.id(), hookB)) == 1);
      assertThat(mailsWith(NotificationIds.of(second.id(), MARIA_MAIL))).isZero();
      assertThat(applied().path("version").asLong()).isEqualTo(1);
    } finally {
      // Tombstones take the notifier back to its file: the next test's starts on its own.
      sendSetting(NotifierSettings.KEY, null);
      sendSetting(NotifierSettings.APPLIED_KEY, null);
    }
  }

  private void saveSettings(long version, String channels, String recipients, String policies) {
    sendSetting(
        NotifierSettings.KEY,
        TelemetryCodec.encode(
            NotifierSettings.of(version, channels, recipients, policies, "maria", Instant.now())));
  }

  private JsonNode applied() throws java.io.IOException {
    return new ObjectMapper().readTree(settings().get(NotifierSettings.APPLIED_KEY));
  }

  private void sendSetting(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(KafkaTopics.NOTIFIER_SETTINGS, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The settings topic's latest value per key. */
  private java.util.Map<String, String> settings() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    java.util.Map<String, String> latest = new java.util.HashMap<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      var tp = new org.apache.kafka.common.TopicPartition(KafkaTopics.NOTIFIER_SETTINGS, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      }
    }
    return latest;
  }

  private NotifierConfig config() {
    return NotifierConfig.parse(
        "test", NotifierYaml.of(kafka.bootstrapServers(), receivers, httpPort, dir));
  }

  private Notification opened() {
    Alarm alarm = Intents.alarm("dev-1:t1:HIGH:" + UUID.randomUUID(), Instant.now());
    return Intents.intent(alarm, Reason.OPENED, 1, 0);
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

  private long mailsWith(String id) {
    return receivers.mailIds().stream().filter(m -> m.contains(id)).count();
  }

  private long hooksWith(String id) {
    return receivers.hooks().stream().filter(h -> id.equals(h.id())).count();
  }

  private List<Receivers.Hook> hooksContaining(String... words) {
    return receivers.hooks().stream()
        .filter(h -> List.of(words).stream().allMatch(h.body()::contains))
        .toList();
  }

  /** The notification ids every receiver saw, in order, repeats included. */
  private List<String> receivedIds() {
    List<String> ids = new ArrayList<>();
    receivers.hooks().forEach(h -> ids.add(h.id()));
    for (String messageId : receivers.mailIds()) {
      ids.add(messageId.replaceAll("^<|@.*$", ""));
    }
    return ids;
  }

  /** The NOTIFICATION_FAILED versions on heatwatch.alarms for the channel, opened since. */
  private List<Alarm> notificationFailedAlarms(String channel, Instant since) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<Alarm> alarms = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(KafkaTopics.ALARMS));
      Instant deadline = Instant.now().plusSeconds(10);
      while (alarms.size() < 2 && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          Alarm a = TelemetryCodec.decodeAlarm(r.value());
          if (a.kind() == AlarmKind.NOTIFICATION_FAILED
              && a.sensorId().equals(channel)
              && !a.openedAt().isBefore(since)) {
            alarms.add(a);
          }
        }
      }
    }
    return alarms;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
