package io.heatwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.config.Target;
import io.heatwatch.notifier.deliver.Intents;
import io.heatwatch.notifier.deliver.NotificationIds;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's proof 3: the notifier, a process of its own, killed with SIGKILL again and again
 * during a burst of notifications. Every notification reaches both channels, and a receiver that
 * drops a repeated id (the Message-ID and webhook-id a notification keeps) shows each once.
 *
 * <p>The form in {@code ./mvnw verify} kills it {@value #SHORT_KILLS} times during {@value
 * #SHORT_BURST} notifications; the form: {@code ./mvnw -o -pl notifier verify
 * -Dit.test=NotifierKillIT -Dnotifier.kills=20 -Dnotifier.burst=1000} (docs/reliability.md).
 */
@ExtendWith(KafkaExtension.class)
class NotifierKillIT {
  private static final int SHORT_KILLS = 2;
  private static final int SHORT_BURST = 60;
  private static final Target MAIL = new Target("maria", "mail");
  private static final Target HOOK = new Target(null, "hook");

  private final Random random = new Random(20261205);
  private Receivers receivers;
  private Process process;

  @AfterEach
  void stop() throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor();
    }
    if (receivers != null) {
      receivers.close();
    }
  }

  @Test
  void killedWithSigkillDuringABurstItDeliversEveryNotification(
      KafkaServer kafka, @TempDir Path dir) throws Exception {
    int kills = Integer.getInteger("notifier.kills", SHORT_KILLS);
    int burst = Integer.getInteger("notifier.burst", SHORT_BURST);
    kafka.createTopics(1, KafkaTopics.NOTIFICATIONS, KafkaTopics.ALARMS);
    kafka.createCompactedTopic(KafkaTopics.NOTIFICATION_LOG, 1);
    kafka.createCompactedTopic(KafkaTopics.NOTIFIER_SETTINGS, 1);
    receivers = new Receivers();
    int httpPort = Receivers.freePort();
    Path config = dir.resolve("notifier.yml");
    // Every alarm at a site of its own: one message per alarm, however the notifier groups.
    String yaml =
        NotifierYaml.of(kafka.bootstrapServers(), receivers, httpPort, dir)
            .replace("match: {sites: [home]}", "match: {}");
    Files.writeString(config, yaml);

    List<Notification> intents = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < burst; i++) {
      Alarm alarm =
          Intents.alarm("dev-" + i + ":t1:HIGH:" + now.toEpochMilli(), now).toBuilder()
              .site("site-" + i)
              .deviceId("dev-" + i)
              .build();
      intents.add(Intents.intent(alarm, Reason.OPENED, 1, 0));
    }
    Set<String> mailIds = new HashSet<>();
    Set<String> hookIds = new HashSet<>();
    for (Notification n : intents) {
      mailIds.add(NotificationIds.of(n.id(), MAIL));
      hookIds.add(NotificationIds.of(n.id(), HOOK));
    }

    // Kept after the test (target/), for a look at what each run of the notifier logged.
    Path log = Path.of("target", "notifier-kill-it.log").toAbsolutePath();
    Files.deleteIfExists(log);
    process = launch(config, log);
    awaitHealthy(httpPort);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (Notification n : intents) {
        producer.send(
            new ProducerRecord<>(KafkaTopics.NOTIFICATIONS, n.alarmId(), TelemetryCodec.encode(n)));
      }
      producer.flush();
    }

    int killed = 0;
    int total = 2 * burst;
    while (killed < kills) {
      // Kill while deliveries are under way: after a little more progress than at the last kill,
      // at a random moment up to 300 ms later.
      int before = delivered(mailIds, hookIds);
      if (before >= total) {
        break;
      }
      int step = Math.max(1, (total - before) / (kills - killed + 1) / 2);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> delivered(mailIds, hookIds) >= Math.min(total, before + step));
      Thread.sleep(random.nextInt(300)); // a random moment to kill at, not a wait for a condition
      process.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush, no commit
      killed++;
      process = launch(config, log);
      awaitHealthy(httpPort);
    }

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> delivered(mailIds, hookIds) == total);

    Map<String, Integer> seen = new HashMap<>();
    for (String id : receivers.mailIds()) {
      seen.merge(mailIdOf(id), 1, Integer::sum);
    }
    for (Receivers.Hook h : receivers.hooks()) {
      seen.merge(h.id(), 1, Integer::sum);
    }
    long repeats = seen.values().stream().mapToLong(c -> c - 1).sum();
    System.out.printf(
        "NotifierKillIT: %d kills during %d notifications (%d deliveries): %d distinct ids"
            + " received, %d repeats (each dropped by a receiver that keeps ids)%n",
        killed, burst, total, seen.size(), repeats);
    assertThat(killed).as("kills made during the burst").isEqualTo(kills);
    assertThat(seen.keySet()).containsAll(mailIds).containsAll(hookIds);
    assertThat(seen).hasSize(total);
    // A repeat needs a kill between a send and its record: at most one in flight per channel.
    assertThat(repeats).isLessThanOrEqualTo(2L * kills);
  }

  /** How many of the expected ids the receivers have, each counted once. */
  private int delivered(Set<String> mailIds, Set<String> hookIds) {
    Set<String> got = new HashSet<>();
    for (String id : receivers.mailIds()) {
      got.add(mailIdOf(id));
    }
    for (Receivers.Hook h : receivers.hooks()) {
      got.add(h.id());
    }
    int n = 0;
    for (String id : got) {
      if (mailIds.contains(id) || hookIds.contains(id)) {
        n++;
      }
    }
    return n;
  }

  /** The notification id in a Message-ID {@code <id@heatwatch>}. */
  private static String mailIdOf(String messageId) {
    String s = messageId.startsWith("<") ? messageId.substring(1) : messageId;
    int at = s.lastIndexOf('@');
    return at < 0 ? s : s.substring(0, at);
  }

  private static Process launch(Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "--config",
            config.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private void awaitHealthy(int port) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () ->
                process.isAlive()
                    && http.send(
                                HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/health"))
                                    .build(),
                                HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                        < 500);
  }
}
