package io.heatwatch.console.kafka;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorRef;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every sensor's current config, read from the compacted {@code heatwatch.sensor-config} topic from
 * its start and followed ({@link TopicFollower}). Configs are kept by {@link SensorRef} (device and
 * sensor id), taken from the record's value; a record written before keys were {@code
 * deviceId/sensorId} (keyed by sensor id alone) still counts by its value, and the newer {@code
 * updatedAt} wins.
 */
public final class SensorConfigs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SensorConfigs.class);
  // bad records are per-record problems: the first is logged, then one line a minute with a count
  private final ThrottledWarn badRecords = new ThrottledWarn(LOG::warn, System::nanoTime);

  private final Map<SensorRef, SensorConfig> bySensor = new ConcurrentHashMap<>();
  private final TopicFollower follower;

  public SensorConfigs(String bootstrapServers) {
    this.follower =
        new TopicFollower(
            bootstrapServers, KafkaTopics.SENSOR_CONFIG, "console-sensor-configs", this::apply);
  }

  /** The sensor's config, empty when it has none (the job's defaults apply). */
  public Optional<SensorConfig> get(SensorRef sensor) {
    return Optional.ofNullable(bySensor.get(sensor));
  }

  /** Whether the topic is being followed (false while it does not exist or the broker fails). */
  public boolean following() {
    return follower.following();
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
          "skipping a sensor config at " + TopicFollower.where(record) + ": " + e.getMessage());
    }
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
  }
}
