package io.heatwatch.console.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.ChannelTest;
import io.heatwatch.model.KafkaTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who was told of each alarm, when, through what, and whether it arrived: the notifier's delivery
 * log ({@code heatwatch.notification-log}, compacted, one record per notification's latest state;
 * notifier/README.md, "Delivery guarantees") followed from its start. Kept for the most recent
 * {@value #MAX_ALARMS} alarms; an older one's notifications are in the topic and the notifier's
 * log.
 */
public final class DeliveryLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_ALARMS = 20_000;

  /**
   * One notification's latest state.
   *
   * @param id the notification's id (the e-mail's Message-ID, the webhook's webhook-id)
   * @param recipient who, or null for a channel that reaches a team by itself
   * @param channel through what
   * @param reason why (OPENED, ESCALATED, ...), with {@code level} and the reminder's {@code count}
   * @param state CLAIMED, SENT, RETRYING, FAILED or SUPPRESSED
   * @param attempts how many attempts were made
   * @param at when this state was recorded
   * @param nextAt when the next attempt (or a held one) is due, or null
   * @param detail the server's answer, or why it failed, waits or was not sent
   */
  public record Delivery(
      String id,
      String recipient,
      String channel,
      String reason,
      int level,
      int count,
      String state,
      int attempts,
      Instant at,
      Instant nextAt,
      String detail) {}

  private final ThrottledWarn badRecords = new ThrottledWarn(LOG::warn, System::nanoTime);
  private final Map<String, Map<String, Delivery>> byAlarm =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Delivery>> eldest) {
          return size() > MAX_ALARMS;
        }
      };
  private final TopicFollower follower;

  public DeliveryLog(String bootstrapServers) {
    this.follower =
        new TopicFollower(
            bootstrapServers, KafkaTopics.NOTIFICATION_LOG, "console-delivery-log", this::apply);
  }

  /** Whether the log is being followed. */
  public boolean following() {
    return follower.following();
  }

  /** The notifications of {@code alarmId}, oldest first. */
  public synchronized List<Delivery> of(String alarmId) {
    Map<String, Delivery> d = byAlarm.get(alarmId);
    if (d == null) {
      return List.of();
    }
    List<Delivery> list = new ArrayList<>(d.values());
    list.sort(Comparator.comparing(Delivery::at).thenComparing(Delivery::id));
    return list;
  }

  /** A channel test's latest delivery: its alarm id ({@code test-<testId>}) and the delivery. */
  public record TestDelivery(String alarmId, Delivery delivery) {}

  /**
   * The latest {@code limit} channel tests the log holds (alarm ids starting {@code test-}), newest
   * first, each with its latest delivery: the record that channels were tested, and how.
   */
  public synchronized List<TestDelivery> tests(int limit) {
    List<TestDelivery> tests = new ArrayList<>();
    // byAlarm is in access order: iterating its entry set does not reorder it, get() would
    for (Map.Entry<String, Map<String, Delivery>> e : byAlarm.entrySet()) {
      if (e.getKey().startsWith(ChannelTest.ALARM_ID_PREFIX)) {
        e.getValue().values().stream()
            .max(Comparator.comparing(Delivery::at))
            .ifPresent(d -> tests.add(new TestDelivery(e.getKey(), d)));
      }
    }
    tests.sort(Comparator.comparing((TestDelivery t) -> t.delivery().at()).reversed());
    return tests.size() > limit ? List.copyOf(tests.subList(0, limit)) : tests;
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    // "ack:<nonce>" records are used acknowledgement links, not deliveries; tombstones forget
    if (key == null || key.startsWith("ack:") || record.value() == null) {
      return;
    }
    try {
      JsonNode n = JSON.readTree(record.value());
      JsonNode intent = n.path("intent");
      String alarmId = text(n, "alarmId");
      Delivery d =
          new Delivery(
              text(n, "id"),
              n.path("recipient").isTextual() ? n.get("recipient").asText() : null,
              text(n, "channel"),
              intent.path("reason").asText("?"),
              intent.path("level").asInt(0),
              intent.path("count").asInt(0),
              text(n, "state"),
              n.path("attempts").asInt(0),
              Instant.parse(text(n, "at")),
              n.path("nextAt").isTextual() ? Instant.parse(n.get("nextAt").asText()) : null,
              n.path("detail").isTextual() ? n.get("detail").asText() : null);
      synchronized (this) {
        byAlarm.computeIfAbsent(alarmId, a -> new LinkedHashMap<>()).put(d.id(), d);
      }
    } catch (IOException | RuntimeException e) {
      badRecords.problem(
          "skipping a delivery-log record at "
              + TopicFollower.where(record)
              + ": "
              + e.getMessage());
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("no " + field);
    }
    return v.asText();
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
  }
}
