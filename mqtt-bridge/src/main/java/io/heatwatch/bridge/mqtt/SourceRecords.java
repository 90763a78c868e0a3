package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.bridge.convert.InboundMessage;
import io.heatwatch.bridge.convert.MessageRouter;
import io.heatwatch.bridge.convert.Routed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each MQTT message into a record Kafka can store: on its routed topic when the router
 * accepts it and the whole record (value, key, headers) fits the producer's {@code
 * max.request.size}; otherwise a dead-letter record with at most {@code
 * kafka.dlq.max.payload.bytes} of the payload and its original size and SHA-256, which the config
 * guarantees to fit. So no message can make the producer refuse a record and fail the task.
 */
final class SourceRecords {
  private static final Logger LOG = LoggerFactory.getLogger(SourceRecords.class);
  private static final int MAX_NOT_STORED = 10_000;

  private final MessageRouter router;
  private final Map<String, ?> sourcePartition;
  private final String dlqTopic;
  private final int maxRequestSize;
  private final int dlqMaxPayloadBytes;

  /** Identities of messages Kafka did not store, oldest first, bounded. */
  private final Map<String, Boolean> notStored =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_NOT_STORED;
        }
      };

  private final ThrottledLog rejects;

  SourceRecords(
      MqttSourceConnectorConfig config,
      MessageRouter router,
      Map<String, ?> partition,
      Clock clock) {
    this.rejects = new ThrottledLog(LOG, "MQTT message to dead-letter topic", clock);
    this.router = router;
    this.sourcePartition = partition;
    this.dlqTopic = config.dlqTopic;
    this.maxRequestSize = config.maxRequestSize;
    this.dlqMaxPayloadBytes = config.dlqMaxPayloadBytes;
  }

  /**
   * Remembers a message whose record Kafka did not store, so that its redelivered copy goes to the
   * dead-letter topic instead of failing the same way again and again.
   */
  void notStored(InboundMessage message) {
    synchronized (notStored) {
      notStored.put(identity(message), Boolean.TRUE);
    }
  }

  private boolean wasNotStored(InboundMessage message) {
    synchronized (notStored) {
      return !notStored.isEmpty() && notStored.remove(identity(message)) != null;
    }
  }

  MqttSourceRecord of(InboundMessage message, AckTracker.Pending pending) {
    Routed route = router.route(message);
    if (wasNotStored(message)) {
      route =
          new Routed(
              dlqTopic,
              route.key(),
              "Kafka did not store its record on "
                  + route.topic()
                  + " (errors.tolerance skipped a failed send, or a transform dropped it)"
                  + (route.rejected() ? "; " + route.rejectReason() : ""));
    }
    if (!route.rejected()) {
      byte[] key = utf8(route.key());
      Headers headers = RecordHeaders.of(message);
      int size = RecordSize.of(key, message.payload(), headers);
      if (size <= maxRequestSize) {
        return record(route.topic(), key, message.payload(), headers, message, pending, false);
      }
      route =
          new Routed(
              dlqTopic,
              route.key(),
              "record of "
                  + size
                  + " bytes (value, key and headers) exceeds "
                  + MqttSourceConnectorConfig.MAX_REQUEST_SIZE_CONFIG
                  + " "
                  + maxRequestSize);
    }
    return deadLetter(message, route, pending);
  }

  private MqttSourceRecord deadLetter(
      InboundMessage message, Routed route, AckTracker.Pending pending) {
    rejects.warn("on " + RecordHeaders.shorten(message.topic(), 200) + ": " + route.rejectReason());
    byte[] payload = message.payload();
    byte[] kept =
        payload.length <= dlqMaxPayloadBytes ? payload : Arrays.copyOf(payload, dlqMaxPayloadBytes);
    Headers headers =
        RecordHeaders.deadLetter(message, route.rejectReason(), payload.length, sha256(payload));
    byte[] key = utf8(RecordHeaders.shorten(route.key(), RecordHeaders.MAX_DEAD_LETTER_KEY));
    return record(dlqTopic, key, kept, headers, message, pending, true);
  }

  private MqttSourceRecord record(
      String topic,
      byte[] key,
      byte[] value,
      Headers headers,
      InboundMessage message,
      AckTracker.Pending pending,
      boolean deadLettered) {
    return new MqttSourceRecord(
        sourcePartition,
        Map.of("mqtt.message.id", message.messageId()),
        topic,
        key,
        value,
        message.receivedAt().toEpochMilli(),
        headers,
        pending,
        deadLettered,
        message);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** A message's identity across redeliveries: its topic and payload. */
  private static String identity(InboundMessage message) {
    MessageDigest digest = sha256();
    digest.update(message.topic().getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    return HexFormat.of().formatHex(digest.digest(message.payload()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }
}
