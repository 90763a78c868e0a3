package io.heatwatch.console.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.NotifierSettings;
import io.heatwatch.model.TelemetryCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the notifier can send through: its {@code catalogue} on {@code heatwatch.notifier-settings}
 * (channels with their type and whether they need a recipient, recipients with which addresses they
 * have, policies by name; nothing secret), written by the notifier at each start and followed from
 * the topic's start (docs/protocol.md). The console offers "send test" from it. It also keeps the
 * notifier's report of the settings in effect ({@code settings-applied}) and the latest settings
 * saved in the console ({@code settings}), which the settings editor shows.
 */
public final class NotifierCatalogue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierCatalogue.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "catalogue";

  private final ThrottledWarn badRecords = new ThrottledWarn(LOG::warn, System::nanoTime);
  private final TopicFollower follower;
  private volatile JsonNode latest;
  private volatile JsonNode applied;
  private volatile NotifierSettings edit;

  public NotifierCatalogue(String bootstrapServers) {
    this.follower =
        new TopicFollower(
            bootstrapServers,
            KafkaTopics.NOTIFIER_SETTINGS,
            "console-notifier-settings",
            this::apply);
  }

  /** Whether the topic is being followed. */
  public boolean following() {
    return follower.following();
  }

  /** The latest catalogue, if the notifier has written one. */
  public Optional<JsonNode> latest() {
    return Optional.ofNullable(latest);
  }

  /** The notifier's latest report of the settings in effect, if it has written one. */
  public Optional<JsonNode> applied() {
    return Optional.ofNullable(applied);
  }

  /** The latest settings saved in the console, if any. */
  public Optional<NotifierSettings> edit() {
    return Optional.ofNullable(edit);
  }

  /** The channel's entry in the latest catalogue. */
  public Optional<JsonNode> channel(String id) {
    return latest()
        .flatMap(
            c -> {
              for (JsonNode ch : c.path("channels")) {
                if (id.equals(ch.path("id").asText())) {
                  return Optional.of(ch);
                }
              }
              return Optional.empty();
            });
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    try {
      switch (key) {
        case KEY -> {
          if (record.value() != null) {
            latest = catalogue(record.value());
          }
        }
        case NotifierSettings.APPLIED_KEY ->
            applied = record.value() == null ? null : JSON.readTree(record.value());
        case NotifierSettings.KEY ->
            edit =
                record.value() == null
                    ? null
                    : TelemetryCodec.decodeNotifierSettings(record.value());
        default -> {
          // channel tests: the notifier's to read
        }
      }
    } catch (IOException | RuntimeException e) {
      badRecords.problem(
          "skipping a notifier "
              + key
              + " at "
              + TopicFollower.where(record)
              + ": "
              + e.getMessage());
    }
  }

  private static JsonNode catalogue(byte[] value) throws IOException {
    JsonNode node = JSON.readTree(value);
    if (!node.path("channels").isArray() || !node.path("recipients").isArray()) {
      throw new IOException("no channels or recipients list");
    }
    return node;
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
  }
}
