package io.heatwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.notifier.config.Target;
import io.heatwatch.notifier.deliver.Intents;
import io.heatwatch.notifier.deliver.NotificationIds;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's proof 6 in its long form: the SMTP server down for a long outage ({@code
 * -Dnotifier.smtpDownFor=PT10M}) while an alarm a half-minute keeps coming, with the production
 * retry and failure settings. NOTIFICATION_FAILED goes out once through the webhook, every mail is
 * delivered once the server is back, and the failure clears. Runs only when asked:
 *
 * <pre>./mvnw -o -pl notifier verify -Dit.test=NotifierOutageIT -Dnotifier.smtpDownFor=PT10M</pre>
 *
 * The short form (an outage of a few seconds) is {@code NotifierIT}'s in every verify.
 */
@ExtendWith(KafkaExtension.class)
@EnabledIfSystemProperty(named = "notifier.smtpDownFor", matches = "PT.+")
class NotifierOutageIT {
  private static final Target MARIA_MAIL = new Target("maria", "mail");
  private static final Duration EVERY = Duration.ofSeconds(30);

  @Test
  void smtpDownForALongOutageLosesNothingAndRaisesAndClearsNotificationFailedOnce(
      KafkaServer kafka, @TempDir Path dir) throws Exception {
    Duration outage = Duration.parse(System.getProperty("notifier.smtpDownFor"));
    kafka.createTopics(1, KafkaTopics.NOTIFICATIONS, KafkaTopics.ALARMS);
    kafka.createCompactedTopic(KafkaTopics.NOTIFICATION_LOG, 1);
    kafka.createCompactedTopic(KafkaTopics.NOTIFIER_SETTINGS, 1);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Receivers receivers = new Receivers();
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      // The production settings (notifier-example.yml): retries from 5 s doubling up to 5 min,
      // NOTIFICATION_FAILED after 2 min without a delivery while messages wait.
      String yaml =
          NotifierYaml.of(kafka.bootstrapServers(), receivers, Receivers.freePort(), dir)
              .replace("channelFailedAfter: 1500 ms", "channelFailedAfter: 2 min")
              .replace("first: 100 ms", "first: 5 s")
              .replace("max: 500 ms", "max: 5 min");
      try (Notifier notifier =
          Notifier.start(NotifierConfig.parse("outage", yaml), Clock.systemUTC())) {
        receivers.stopSmtp();
        Instant down = Instant.now();
        List<String> mailIds = new ArrayList<>();
        while (Duration.between(down, Instant.now()).compareTo(outage) < 0) {
          Notification n =
              Intents.intent(
                  Intents.alarm("dev-1:t1:HIGH:" + System.nanoTime(), Instant.now()),
                  Reason.OPENED,
                  1,
                  0);
          producer
              .send(
                  new ProducerRecord<>(
                      KafkaTopics.NOTIFICATIONS, n.alarmId(), TelemetryCodec.encode(n)))
              .get();
          mailIds.add(NotificationIds.of(n.id(), MARIA_MAIL));
          Thread.sleep(EVERY.toMillis()); // the pace of the alarms, not a wait for a condition
        }
        assertThat(receivers.hooks().stream().filter(h -> failed(h, "OPENED"))).hasSize(1);
        assertThat(receivers.hooks().stream().filter(h -> failed(h, "CLEARED"))).isEmpty();
        assertThat(receivers.mailIds()).isEmpty();

        receivers.startSmtp();
        Instant up = Instant.now();
        await()
            .atMost(Duration.ofMinutes(7))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    mailIds.stream().allMatch(id -> mailsWith(receivers, id) == 1)
                        && receivers.hooks().stream().anyMatch(h -> failed(h, "CLEARED")));
        System.out.printf(
            "NotifierOutageIT: SMTP down %s, %d alarms meanwhile; all %d mails delivered %s s"
                + " after it came back; NOTIFICATION_FAILED opened and cleared once each%n",
            outage,
            mailIds.size(),
            mailIds.size(),
            Duration.between(up, Instant.now()).toSeconds());
        assertThat(receivers.hooks().stream().filter(h -> failed(h, "OPENED"))).hasSize(1);
        assertThat(receivers.hooks().stream().filter(h -> failed(h, "CLEARED"))).hasSize(1);
        assertThat(receivers.mailIds()).hasSize(mailIds.size());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> notifier.status().notificationFailed().isEmpty());
      }
    }
  }

  private static boolean failed(Receivers.Hook hook, String reason) {
    return hook.body().contains("NOTIFICATION_FAILED") && hook.body().contains(reason);
  }

  private static long mailsWith(Receivers receivers, String id) {
    return receivers.mailIds().stream().filter(m -> m.contains(id)).count();
  }
}
