package io.heatwatch.notifier.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heatwatch.model.NotifierSettings;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.config.ConfigException;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.notifier.config.Sections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the channels, recipients and policies saved in the console ({@link NotifierSettings}, key
 * {@code settings}) and reports what is in effect (key {@code settings-applied}).
 *
 * <p>At start, {@link #catchUp} reads the topic to its end: the last settings reported in effect
 * are read again over the file (so a restart keeps the console's edit), then a newer edit, if any,
 * is tried. Afterwards its thread follows the topic and hands each newer edit that passes the
 * file's checks to the notifier, which restarts its delivery on it (a restart sends nothing the
 * delivery log says was sent). An edit with problems changes nothing; the report names them, each
 * by its path in the edit's sections, for the console to show.
 */
public final class SettingsFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsFollower.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration TOPIC_RETRY = Duration.ofSeconds(5);
  private static final Duration CATCH_UP = Duration.ofSeconds(15);

  private final Properties client;
  private final Clock clock;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private NotifierConfig current;
  private Rejection rejected;
  private Consumer<NotifierConfig> apply;

  /** An edit that was not applied, and why. */
  private record Rejection(long version, String by, Instant at, List<String> problems) {}

  public SettingsFollower(NotifierConfig file, Clock clock) {
    this.current = file;
    this.clock = clock;
    this.client = file.kafka().clientSettings();
    consumer = SettingsTopic.consumer(client, "heatwatch-notifier-settings");
    thread = new Thread(this::run, "notifier-settings");
    thread.setDaemon(true);
  }

  /**
   * Reads the topic to its end and returns the configuration to start with: the file's, with the
   * console's sections in effect if there are any. Kafka out of reach or no topic yet: the file's,
   * and the thread reads the topic once it can.
   */
  public NotifierConfig catchUp() {
    List<TopicPartition> partitions = SettingsTopic.partitions(consumer, CATCH_UP);
    if (partitions.isEmpty()) {
      LOG.warn("settings: no topic to read yet; starting on the file's channels and policies");
      return current;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CATCH_UP);
    JsonNode applied = null;
    NotifierSettings edit = null;
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (!reached(end) && System.nanoTime() < deadline) {
      // A tombstone (null value) on both keys takes the notifier back to the file's sections.
      for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
        if (NotifierSettings.APPLIED_KEY.equals(r.key())) {
          applied = r.value() == null ? null : report(r);
        } else if (NotifierSettings.KEY.equals(r.key())) {
          edit = r.value() == null ? null : decode(r);
        }
      }
    }
    if (applied != null && applied.path("version").asLong() > 0) {
      // What was in effect before this start: read again, in case the file changed under it.
      NotifierSettings before =
          NotifierSettings.of(
              applied.path("version").asLong(),
              applied.path("channels").asText(),
              applied.path("recipients").asText(),
              applied.path("policies").asText(),
              applied.path("by").asText("console"),
              applied.path("at").isTextual()
                  ? Instant.parse(applied.path("at").asText())
                  : clock.instant());
      try {
        current = current.with(before);
      } catch (ConfigException e) {
        LOG.error(
            "settings: version {} saved in the console no longer passes the file's checks;"
                + " starting on the file's channels and policies:\n  {}",
            before.version(),
            String.join("\n  ", e.problems()));
        rejected = new Rejection(before.version(), before.by(), before.at(), e.problems());
      }
    }
    if (edit != null) {
      consider(edit, false);
    }
    report();
    return current;
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** Follows the topic on its own thread, handing each edit that passes to {@code apply}. */
  public void start(Consumer<NotifierConfig> apply) {
    this.apply = apply;
    thread.start();
  }

  private void run() {
    try {
      if (consumer.assignment().isEmpty()
          && !SettingsTopic.assignFromStart(consumer, TOPIC_RETRY, () -> running, () -> {})) {
        return;
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          if (NotifierSettings.KEY.equals(r.key()) && r.value() != null) {
            NotifierSettings edit = decode(r);
            if (edit != null) {
              consider(edit, true);
            }
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("settings: stopped following edits", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("settings: stopped following edits", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void consider(NotifierSettings edit, boolean live) {
    if (edit.version() <= current.sections().version()
        || (rejected != null && edit.version() <= rejected.version())) {
      return; // in effect already, or refused already
    }
    NotifierConfig next;
    try {
      next = current.with(edit);
    } catch (ConfigException e) {
      LOG.warn(
          "settings: version {} saved by {} not applied, {} problem(s):\n  {}",
          edit.version(),
          edit.by(),
          e.problems().size(),
          String.join("\n  ", e.problems()));
      rejected = new Rejection(edit.version(), edit.by(), edit.at(), e.problems());
      if (live) {
        report();
      }
      return;
    }
    long started = System.nanoTime();
    if (live) {
      apply.accept(next);
    }
    current = next;
    LOG.info(
        "settings: version {} saved by {} applied in {} ms: {} channel(s), {} recipient(s), {}"
            + " polic(ies)",
        edit.version(),
        edit.by(),
        (System.nanoTime() - started) / 1_000_000,
        next.channels().size(),
        next.recipients().size(),
        next.policies().size());
    if (live) {
      report();
    }
  }

  /** Writes what is in effect and the last refused edit; a failure is logged. */
  private void report() {
    try {
      SettingsTopic.write(
          client, "heatwatch-notifier-settings-report", NotifierSettings.APPLIED_KEY, applied());
    } catch (RuntimeException e) {
      LOG.warn("settings: report not written, the console shows an older one: {}", e.toString());
    }
  }

  /** The report's JSON (docs/protocol.md, "settings-applied"). */
  byte[] applied() {
    Sections s = current.sections();
    ObjectNode root = JSON.createObjectNode();
    root.put("v", 1);
    root.put("version", s.version());
    root.put("source", s.version() == 0 ? "file" : "console");
    root.put("by", s.by());
    root.put("at", s.at() == null ? null : s.at().toString());
    root.put("appliedAt", clock.instant().toString());
    for (String name : Sections.NAMES) {
      root.put(name, s.text(name));
    }
    if (rejected != null && rejected.version() > s.version()) {
      ObjectNode r = root.putObject("rejected");
      r.put("version", rejected.version());
      r.put("by", rejected.by());
      r.put("at", rejected.at().toString());
      ArrayNode problems = r.putArray("problems");
      rejected.problems().forEach(problems::add);
    } else {
      root.putNull("rejected");
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private JsonNode report(ConsumerRecord<String, byte[]> r) {
    try {
      return JSON.readTree(r.value());
    } catch (IOException e) {
      LOG.warn(
          "settings: skipping an unreadable report at offset {}: {}", r.offset(), e.toString());
      return null;
    }
  }

  private static NotifierSettings decode(ConsumerRecord<String, byte[]> r) {
    try {
      return TelemetryCodec.decodeNotifierSettings(r.value());
    } catch (RuntimeException e) {
      LOG.warn(
          "settings: skipping a malformed edit at {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return null;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    if (thread.isAlive()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
