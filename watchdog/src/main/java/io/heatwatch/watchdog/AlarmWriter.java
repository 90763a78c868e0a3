package io.heatwatch.watchdog;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets PIPELINE_STALLED alarms out on two independent paths, so one gets through whichever stage is
 * down: the alarms topic (key = alarmId, the value the contract's JSON, as the job writes it; the
 * downlink and the notifier read it there) and the alarms index directly (the console reads it
 * there, even while the job or Kafka is down). Each path keeps what it could not write and tries
 * again on the next {@link #retry()}, the latest version per alarm only.
 */
final class AlarmWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmWriter.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final ElasticsearchWatch elasticsearch;
  private final Duration timeout;
  private final Path kafka;
  private final Path index;

  AlarmWriter(
      String bootstrapServers, ElasticsearchWatch elasticsearch, Duration timeout, Clock clock) {
    this.kafka = new Path("Kafka", clock);
    this.index = new Path("Elasticsearch", clock);
    this.elasticsearch = elasticsearch;
    this.timeout = timeout;
    int ms = (int) timeout.toMillis();
    this.producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG,
                "heatwatch-watchdog-alarms",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                ms,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                ms,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                ms * 2,
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /** Queues alarm versions on both paths and tries to write them now. */
  void write(List<Alarm> alarms) {
    for (Alarm a : alarms) {
      LOG.warn("{} {} v{}: {}", a.kind(), a.state(), a.version(), a.message());
      kafka.offer(a);
      index.offer(a);
    }
    retry();
  }

  /** Tries again what is pending on each path, each on its own thread. */
  void retry() {
    kafka.drain(this::toKafka);
    index.drain(elasticsearch::write);
  }

  /** Alarm versions not yet written on some path. */
  int pending() {
    return kafka.size() + index.size();
  }

  private void toKafka(Alarm a) throws Exception {
    send(KafkaTopics.ALARMS, a.alarmId(), TelemetryCodec.encode(a));
    Notification intent = intent(a);
    if (intent != null) {
      // Sent again with the alarm when a retry repeats this path: a repeated intent has the same
      // id, and the notifier drops it.
      send(KafkaTopics.NOTIFICATIONS, a.alarmId(), TelemetryCodec.encode(intent));
    }
  }

  /**
   * The watchdog's own notification intent for {@code a}: OPENED for a new alarm, ACKNOWLEDGED when
   * an operator takes it (the notifier tells everyone told so far who did), CLEARED when it clears,
   * at level 1 and without escalation, so a stalled stage reaches people even when the job (which
   * decides the other alarms' notifications) is the stage that stopped.
   */
  static Notification intent(Alarm a) {
    Notification.Reason reason;
    if (a.state() == Alarm.AlarmState.CLEARED) {
      reason = Notification.Reason.CLEARED;
    } else if (a.state() == Alarm.AlarmState.ACKNOWLEDGED) {
      reason = Notification.Reason.ACKNOWLEDGED;
    } else if (a.version() == 1) {
      reason = Notification.Reason.OPENED;
    } else {
      return null;
    }
    return Notification.about(a, reason, 1, 0, a.updatedAt());
  }

  private void send(String topic, String key, byte[] value) throws Exception {
    producer
        .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
        .get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    kafka.close();
    index.close();
    producer.close(Duration.ofSeconds(2));
  }

  private interface Sink {
    void accept(Alarm alarm) throws Exception;
  }

  /** One way out: its pending versions and the thread that writes them. */
  private static final class Path {
    private final String name;
    private final Map<String, Alarm> pending = new LinkedHashMap<>();
    private final ExecutorService thread;
    private boolean draining;
    private final ThrottledLog failures;

    Path(String name, Clock clock) {
      this.name = name;
      this.failures = new ThrottledLog(LOG, "alarms not written to " + name + " yet", clock);
      this.thread =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "watchdog-alarms-" + name.toLowerCase());
                t.setDaemon(true);
                return t;
              });
    }

    synchronized void offer(Alarm a) {
      Alarm before = pending.get(a.alarmId());
      if (before == null || before.version() < a.version()) {
        pending.put(a.alarmId(), a);
      }
    }

    synchronized int size() {
      return pending.size();
    }

    synchronized void drain(Sink sink) {
      if (draining || pending.isEmpty()) {
        return;
      }
      draining = true;
      thread.execute(() -> drainNow(sink));
    }

    private void drainNow(Sink sink) {
      try {
        for (Alarm a : snapshot()) {
          try {
            sink.accept(a);
            remove(a);
            LOG.info("alarm {} v{} written to {}", a.alarmId(), a.version(), name);
          } catch (Exception e) {
            failed(a, e);
            return;
          }
        }
      } finally {
        synchronized (this) {
          draining = false;
        }
      }
    }

    /** The first failure, then at most one line a minute with the count: retries are frequent. */
    private void failed(Alarm a, Exception e) {
      failures.warn(
          "alarm " + a.alarmId() + " v" + a.version() + ", will retry: " + Rest.why(e), null);
    }

    private synchronized List<Alarm> snapshot() {
      return List.copyOf(pending.values());
    }

    private synchronized void remove(Alarm a) {
      pending.remove(a.alarmId(), a);
    }

    void close() {
      thread.shutdownNow();
    }
  }
}
