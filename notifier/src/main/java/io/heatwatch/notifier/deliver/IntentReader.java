package io.heatwatch.notifier.deliver;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.notifier.config.Policy;
import io.heatwatch.notifier.config.Targets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the job's intents (group {@code heatwatch-notifier}), claims each target, and commits the
 * offsets only after the claims are acknowledged: a crash between the two reads the intents again,
 * and the ledger drops what was claimed already. While a channel holds as much as it may, reading
 * pauses (the group membership is kept by polling).
 */
final class IntentReader implements AutoCloseable {
  static final String GROUP = "heatwatch-notifier";
  private static final Logger LOG = LoggerFactory.getLogger(IntentReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int MAX_UNMATCHED_REMEMBERED = 10_000;

  private final NotifierConfig config;
  private final Deliveries deliveries;
  private final SeenAlarms seen;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final AtomicLong malformed = new AtomicLong();
  private final ThrottledLog malformedLog;
  private final AtomicLong unmatched = new AtomicLong();
  private final Set<String> unmatchedAlarms = new LinkedHashSet<>();
  private volatile boolean running = true;
  private volatile long lag = -1;

  IntentReader(
      NotifierConfig config,
      Properties clientSettings,
      Deliveries deliveries,
      SeenAlarms seen,
      Clock clock) {
    this.config = config;
    this.malformedLog = new ThrottledLog(LOG, "intents: skipping malformed intents", clock);
    this.deliveries = deliveries;
    this.seen = seen;
    Properties p = new Properties();
    p.putAll(clientSettings);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    // Static membership: a notifier restarted after a crash (SIGKILL, power) takes its partitions
    // back at once. As a dynamic member it waited for the dead member's session to expire (45 s)
    // before reading an intent (NotifierKillIT). One instance runs at a time; a second one with
    // the same id fences the first.
    p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, GROUP + "-1");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "heatwatch-notifier-intents");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this::run, "notifier-intents");
    thread.setDaemon(true);
  }

  void start() {
    consumer.subscribe(Set.of(KafkaTopics.NOTIFICATIONS));
    thread.start();
  }

  /** Intents not yet read (summed over partitions), -1 until known. */
  long lag() {
    return lag;
  }

  long unmatched() {
    return unmatched.get();
  }

  long malformed() {
    return malformed.get();
  }

  private void run() {
    try {
      while (running) {
        if (deliveries.full()) {
          consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
          consumer.resume(consumer.paused());
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          handle(records);
        }
        lag = lagNow();
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecords<String, byte[]> records) {
    try {
      for (ConsumerRecord<String, byte[]> r : records) {
        intent(r).ifPresent(this::claim);
      }
    } catch (DeliveryLog.LogWriteException e) {
      // Nothing from the failed claim on is committed: the batch is read again (each try waits
      // for the write timeout), and the ledger drops what was claimed already.
      LOG.warn("intents: claims could not be written, reading the batch again: {}", e.getMessage());
      for (TopicPartition tp : records.partitions()) {
        consumer.seek(tp, records.records(tp).get(0).offset());
      }
      return;
    }
    try {
      consumer.commitSync();
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // A rebalance or a lost broker: the intents come again, and their claims are known.
      LOG.warn("intents: offsets not committed, the batch may be read again: {}", e.toString());
    }
  }

  private Optional<Notification> intent(ConsumerRecord<String, byte[]> r) {
    try {
      return Optional.of(TelemetryCodec.decodeNotification(r.value()));
    } catch (RuntimeException e) {
      malformed.incrementAndGet();
      malformedLog.warn(
          r.topic()
              + "-"
              + r.partition()
              + "@"
              + r.offset()
              + " key "
              + r.key()
              + ": "
              + e.getMessage(),
          null);
      return Optional.empty();
    }
  }

  private void claim(Notification intent) {
    try {
      claimFor(intent);
    } catch (DeliveryLog.LogWriteException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug must not stop every later intent: this one is skipped, loudly.
      LOG.error("intent {}: skipped, it could not be claimed", intent.id(), e);
    }
  }

  private void claimFor(Notification intent) {
    seen.remember(intent.alarm());
    Optional<Policy> policy = config.policyFor(intent.alarm());
    if (policy.isEmpty()) {
      unmatched.incrementAndGet();
      if (rememberUnmatched(intent.alarmId())) {
        LOG.info(
            "alarm {} ({} {}) matches no policy: nobody is notified",
            intent.alarmId(),
            intent.alarm().kind(),
            intent.alarm().severity());
      }
      return;
    }
    deliveries.claim(intent, Targets.of(policy.get(), intent));
  }

  private synchronized boolean rememberUnmatched(String alarmId) {
    if (!unmatchedAlarms.add(alarmId)) {
      return false;
    }
    if (unmatchedAlarms.size() > MAX_UNMATCHED_REMEMBERED) {
      var it = unmatchedAlarms.iterator();
      it.next();
      it.remove();
    }
    return true;
  }

  private long lagNow() {
    long sum = 0;
    for (TopicPartition tp : consumer.assignment()) {
      var l = consumer.currentLag(tp);
      if (l.isEmpty()) {
        return lag;
      }
      sum += l.getAsLong();
    }
    return sum;
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
