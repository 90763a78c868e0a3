package io.heatwatch.console.kafka;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorRef;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every sensor's current config, read from the compacted {@code heatwatch.sensor-config} topic from
 * its start and followed; no consumer group, so the console needs only read access. Configs are
 * kept by {@link SensorRef} (device and sensor id), taken from the record's value; a record written
 * before keys were {@code deviceId/sensorId} (keyed by sensor id alone) still counts by its value,
 * and the newer {@code updatedAt} wins.
 */
public final class SensorConfigs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SensorConfigs.class);
  // bad records are per-record problems: the first is logged, then one line a minute with a count
  private final ThrottledWarn badRecords = new ThrottledWarn(LOG::warn, System::nanoTime);

  /** How long to wait before looking for the topic (or the broker) again. */
  static final Duration RETRY = Duration.ofSeconds(2);

  private final Map<SensorRef, SensorConfig> bySensor = new ConcurrentHashMap<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean following;

  public SensorConfigs(String bootstrapServers) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "heatwatch-console-configs",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // The setup makes the topic compacted; a lookup must never make a plain one.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.thread = new Thread(this::follow, "console-sensor-configs");
    thread.setDaemon(true);
    thread.start();
  }

  /** The sensor's config, empty when it has none (the job's defaults apply). */
  public Optional<SensorConfig> get(SensorRef sensor) {
    return Optional.ofNullable(bySensor.get(sensor));
  }

  /** Whether the topic is being followed (false while it does not exist or the broker fails). */
  public boolean following() {
    return following;
  }

  /** Every sensor's config. */
  public Map<SensorRef, SensorConfig> all() {
    return Map.copyOf(bySensor);
  }

  /** Remembers a config the console has just written, before it comes back from Kafka. */
  public void written(SensorConfig config) {
    bySensor.merge(
        config.ref(), config, (old, neu) -> neu.updatedAt().isBefore(old.updatedAt()) ? old : neu);
  }

  /**
   * Reads the topic from its start and follows it. A topic that does not exist yet (the console
   * started before the setup made it) or a broker that fails is waited for, never given up on: a
   * console that stopped following would show stale thresholds without a word.
   */
  private void follow() {
    try {
      boolean told = false;
      while (running) {
        try {
          List<TopicPartition> partitions = partitions();
          if (partitions.isEmpty()) {
            if (!told) {
              LOG.warn("{} does not exist yet; waiting for it", KafkaTopics.SENSOR_CONFIG);
              told = true;
            }
            pause();
            continue;
          }
          consumer.assign(partitions);
          consumer.seekToBeginning(partitions);
          following = true;
          LOG.info("following {} ({} partitions)", KafkaTopics.SENSOR_CONFIG, partitions.size());
          while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
              apply(record);
            }
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.warn("following {}: {}; trying again", KafkaTopics.SENSOR_CONFIG, e.toString());
          following = false;
          consumer.unsubscribe();
          pause();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close();
    }
  }

  private List<TopicPartition> partitions() {
    return consumer.partitionsFor(KafkaTopics.SENSOR_CONFIG, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  private void pause() {
    long until = System.nanoTime() + RETRY.toNanos();
    while (running && System.nanoTime() < until) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      // a tombstone: only a deviceId/sensorId key names a sensor; an old sensor-id key names none
      if (key != null && key.indexOf('/') > 0) {
        try {
          bySensor.remove(SensorRef.parseKey(key));
        } catch (RuntimeException e) {
          badRecords.problem("skipping a tombstone with key \"" + key + "\": " + e.getMessage());
        }
      }
      return;
    }
    try {
      written(TelemetryCodec.decodeSensorConfig(record.value()));
    } catch (RuntimeException e) {
      badRecords.problem(
          "skipping a sensor config at "
              + record.topic()
              + "-"
              + record.partition()
              + "@"
              + record.offset()
              + ": "
              + e.getMessage());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5_000);
  }
}
