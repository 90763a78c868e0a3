package io.heatwatch.notifier.deliver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.ChannelTest;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.channel.ChannelSettings;
import io.heatwatch.notifier.channel.EmailSettings;
import io.heatwatch.notifier.channel.SmsSettings;
import io.heatwatch.notifier.channel.WebhookSettings;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.notifier.config.Policy;
import io.heatwatch.notifier.config.Recipient;
import io.heatwatch.notifier.config.Target;
import io.heatwatch.notifier.settings.SettingsTopic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's side of the notifier, through {@code heatwatch.notifier-settings}: at start it
 * writes its {@code catalogue} there (its channels, recipients and policies as configured, no
 * secret or address), from which the console offers "send test"; then it reads the {@code
 * test/<id>} requests ({@link ChannelTest}) and sends each through its channel at once, past
 * policies, grouping and quiet hours, recorded in the delivery log under the test's alarm id. A
 * test that cannot be sent (no such channel or recipient, a recipient without an address for the
 * channel) is recorded FAILED with why. The topic is read from its start at each start; a request
 * older than {@link #MAX_AGE} is not sent again, and one in the delivery log already is dropped by
 * its notification id.
 */
final class ChannelTests implements AutoCloseable {
  /** Key of the notifier's catalogue on the settings topic. */
  static final String CATALOGUE_KEY = "catalogue";

  /** A test request older than this when read is not sent. */
  static final Duration MAX_AGE = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(ChannelTests.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration TOPIC_RETRY = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NotifierConfig config;
  private final Deliveries deliveries;
  private final Clock clock;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Properties client;
  private final Thread thread;
  private final ThrottledLog malformedLog;
  private volatile boolean running = true;

  ChannelTests(NotifierConfig config, Properties client, Deliveries deliveries, Clock clock) {
    this.config = config;
    this.client = client;
    this.deliveries = deliveries;
    this.clock = clock;
    this.malformedLog = new ThrottledLog(LOG, "channel tests: skipping malformed requests", clock);
    consumer = SettingsTopic.consumer(client, "heatwatch-notifier-tests");
    thread = new Thread(this::run, "notifier-channel-tests");
    thread.setDaemon(true);
  }

  /**
   * Starts its thread, which writes the catalogue (a failure is logged: tests are read all the
   * same) and then reads tests; the notifier's start does not wait for either.
   */
  void start() {
    thread.start();
  }

  private void writeCatalogue() {
    SettingsTopic.write(client, "heatwatch-notifier-catalogue", CATALOGUE_KEY, catalogue(config));
  }

  /** The catalogue's JSON: what the console needs to offer tests, nothing secret. */
  static byte[] catalogue(NotifierConfig config) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", 1);
    if (config.sealingKey() != null) {
      // the public half: the console seals secrets typed into it with this
      root.put("sealingKey", config.sealingKey().publicKey());
    }
    ArrayNode channels = root.putArray("channels");
    config.channels().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              ObjectNode c = channels.addObject();
              c.put("id", e.getKey());
              c.put("type", type(e.getValue()));
              c.put("needsRecipient", needsRecipient(e.getValue()));
            });
    ArrayNode recipients = root.putArray("recipients");
    config.recipients().values().stream()
        .sorted(Comparator.comparing(Recipient::id))
        .forEach(
            r -> {
              ObjectNode o = recipients.addObject();
              o.put("id", r.id());
              o.put("name", r.name());
              o.put("email", r.email() != null);
              o.put("phone", r.phone() != null);
            });
    ArrayNode policies = root.putArray("policies");
    for (Policy p : config.policies()) {
      ObjectNode o = policies.addObject();
      o.put("name", p.name());
      o.put("levels", p.levels().size());
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String type(ChannelSettings s) {
    if (s instanceof EmailSettings) {
      return "EMAIL";
    }
    if (s instanceof SmsSettings) {
      return "SMS";
    }
    return "WEBHOOK " + ((WebhookSettings) s).preset();
  }

  private static boolean needsRecipient(ChannelSettings s) {
    return s instanceof EmailSettings || s instanceof SmsSettings;
  }

  private void run() {
    try {
      writeCatalogue();
    } catch (RuntimeException e) {
      LOG.warn("channel tests: catalogue not written, the console cannot list channels: {}", e);
    }
    try {
      if (!SettingsTopic.assignFromStart(
          consumer,
          TOPIC_RETRY,
          () -> running,
          () ->
              LOG.warn(
                  "channel tests: no topic {} yet, no test is read until it exists",
                  KafkaTopics.NOTIFIER_SETTINGS))) {
        return;
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          if (r.key() != null && r.key().startsWith("test/") && r.value() != null) {
            handle(r);
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("channel tests: stopped reading test requests", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<String, byte[]> r) {
    ChannelTest test;
    try {
      test = TelemetryCodec.decodeChannelTest(r.value());
    } catch (RuntimeException e) {
      malformedLog.warn(
          r.topic() + "-" + r.partition() + "@" + r.offset() + " key " + r.key() + ": " + e, null);
      return;
    }
    Instant now = clock.instant();
    if (test.at().isBefore(now.minus(MAX_AGE))) {
      return;
    }
    try {
      send(test, now);
    } catch (DeliveryLog.LogWriteException e) {
      LOG.warn("channel test {}: not recorded, so not sent: {}", test.testId(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("channel test {}: skipped, it could not be claimed", test.testId(), e);
    }
  }

  private void send(ChannelTest test, Instant now) {
    Notification intent = intent(test, config.site());
    Target target = new Target(test.recipient(), test.channel());
    String problem = problem(test);
    String detail = "test requested by " + test.by() + " at " + test.at();
    if (problem != null) {
      deliveries.refuse(intent, target, now, problem);
    } else {
      deliveries.claimNow(intent, target, now, detail);
    }
  }

  /** Why the test cannot be sent, or null. */
  private String problem(ChannelTest test) {
    ChannelSettings channel = config.channels().get(test.channel());
    if (channel == null) {
      return "no channel " + test.channel() + " is configured";
    }
    if (!needsRecipient(channel)) {
      return null;
    }
    if (test.recipient() == null) {
      return "channel " + test.channel() + " sends to a recipient's address: name a recipient";
    }
    Recipient r = config.recipients().get(test.recipient());
    if (r == null) {
      return "no recipient " + test.recipient() + " is configured";
    }
    String address = channel instanceof EmailSettings ? r.email() : r.phone();
    if (address == null) {
      return "recipient "
          + r.id()
          + " has no "
          + (channel instanceof EmailSettings ? "e-mail address" : "phone number");
    }
    return null;
  }

  /**
   * The intent a test is sent as: reason TEST, about a stand-in alarm naming the channel (kind
   * NOTIFICATION_FAILED, the notifier's own, in state CLEARED, so nothing takes it for a live
   * alarm), recorded under {@code test-<testId>}.
   */
  static Notification intent(ChannelTest test, String site) {
    Alarm standIn =
        Alarm.builder()
            .alarmId(test.alarmId())
            .site(site)
            .deviceId(Pipeline.DEVICE_ID)
            .sensorId(test.channel())
            .kind(AlarmKind.NOTIFICATION_FAILED)
            .severity(Severity.WARNING)
            .state(Alarm.AlarmState.CLEARED)
            .openedAt(test.at())
            .updatedAt(test.at())
            .clearedAt(test.at())
            .message("test of channel " + test.channel() + " requested by " + test.by())
            .build();
    return Notification.about(standIn, Notification.Reason.TEST, 1, 0, test.at());
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
