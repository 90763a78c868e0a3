package io.heatwatch.notifier.deliver;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.notifier.config.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole delivery log to its end offsets at start: done ids go to the ledger (never sent
 * again), claims and retries come back to be sent, a NOTIFICATION_FAILED that was raised and not
 * cleared is open again, and the alarms notified are remembered for the acknowledgement page. Keys
 * of other writers ({@code ack:} nonces) are skipped.
 */
final class LogReader {
  private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);
  private static final Duration POLL = Duration.ofMillis(200);

  /** What the log said. */
  record Rebuilt(List<LogEntry> pending, Map<String, OpenFailure> openFailures, long records) {}

  /** A NOTIFICATION_FAILED raised for a channel and not cleared, and whom it was sent to. */
  record OpenFailure(Alarm alarm, Set<Target> told) {}

  private LogReader() {}

  static Rebuilt read(Properties clientSettings, Ledger ledger, SeenAlarms seen, Duration timeout) {
    return read(clientSettings, ledger, seen, timeout, KafkaTopics.NOTIFICATION_LOG, e -> {});
  }

  static Rebuilt read(
      Properties clientSettings, Ledger ledger, SeenAlarms seen, Duration timeout, String topic) {
    return read(clientSettings, ledger, seen, timeout, topic, e -> {});
  }

  /** As above; {@code each} sees every entry read, in log order. */
  static Rebuilt read(
      Properties clientSettings,
      Ledger ledger,
      SeenAlarms seen,
      Duration timeout,
      String topic,
      java.util.function.Consumer<LogEntry> each) {
    Properties p = new Properties();
    p.putAll(clientSettings);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "heatwatch-notifier-log-reader");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, LogEntry> pending = new LinkedHashMap<>();
    Map<String, Alarm> failureAlarms = new LinkedHashMap<>();
    Map<String, Set<Target>> failureTold = new LinkedHashMap<>();
    Set<String> cleared = new HashSet<>();
    long records = 0;
    long bad = 0;
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = c.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        // Otherwise every claim would fail later, one warning at a time.
        throw new IllegalStateException(
            "topic " + topic + " does not exist (infra/setup/setup.sh creates it, compacted)");
      }
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo pi : infos) {
        parts.add(new TopicPartition(pi.topic(), pi.partition()));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
      Instant deadline = Instant.now().plus(timeout);
      while (!caughtUp(c, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
          records++;
          if (r.key() == null || r.key().startsWith("ack:")) {
            continue;
          }
          if (r.value() == null) {
            pending.remove(r.key());
            continue;
          }
          LogEntry e;
          try {
            e = LogCodec.decode(r.value());
          } catch (RuntimeException ex) {
            if (bad++ == 0) {
              LOG.warn(
                  "delivery log: skipping malformed entry {} at offset {}: {}",
                  r.key(),
                  r.offset(),
                  ex.getMessage());
            }
            continue;
          }
          // The acknowledgement page names the alarm of a link sent before a restart too.
          seen.remember(e.intent().alarm());
          each.accept(e);
          if (e.state().done()) {
            pending.remove(e.id());
            ledger.done(e.id());
          } else {
            pending.put(e.id(), e);
          }
          Alarm a = e.intent().alarm();
          // A channel test's stand-in alarm has this kind too, but is no failure of its channel.
          if (a.kind() == AlarmKind.NOTIFICATION_FAILED && e.intent().reason() != Reason.TEST) {
            if (e.intent().reason() == Reason.CLEARED) {
              cleared.add(a.alarmId());
            } else {
              failureAlarms.putIfAbsent(a.alarmId(), a);
              failureTold.computeIfAbsent(a.alarmId(), k -> new LinkedHashSet<>()).add(e.target());
            }
          }
        }
      }
    }
    if (bad > 1) {
      LOG.warn("delivery log: {} malformed entries skipped in all", bad);
    }
    Map<String, OpenFailure> open = new LinkedHashMap<>();
    failureAlarms.forEach(
        (id, alarm) -> {
          if (!cleared.contains(id)) {
            open.put(alarm.sensorId(), new OpenFailure(alarm, failureTold.get(id)));
          }
        });
    for (LogEntry e : pending.values()) {
      ledger.claim(e.id());
    }
    return new Rebuilt(new ArrayList<>(pending.values()), open, records);
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
