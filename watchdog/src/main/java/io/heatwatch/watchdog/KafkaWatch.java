package io.heatwatch.watchdog;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the canary into {@code heatwatch.readings} with a consumer of its own (assigned every
 * partition from the end, no group, no commits), checks the cluster answers ({@code
 * describeCluster}), and reads the job's consumer lag on the readings topic.
 */
final class KafkaWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaWatch.class);
  private static final byte[] CANARY_KEY =
      Pipeline.CANARY_DEVICE_ID.getBytes(StandardCharsets.UTF_8);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String jobGroup;
  private final Duration timeout;
  private final AtomicLong seen = new AtomicLong(-1);
  private final Thread follower;
  private volatile boolean closed;
  private volatile OptionalLong lag = OptionalLong.empty();

  KafkaWatch(String bootstrapServers, String jobGroup, Duration timeout) {
    this.jobGroup = jobGroup;
    this.timeout = timeout;
    int ms = (int) timeout.toMillis();
    this.admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.CLIENT_ID_CONFIG, "heatwatch-watchdog-admin"));
    this.consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "heatwatch-watchdog-canary",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                ms),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.follower = new Thread(this::follow, "watchdog-kafka-canary");
    follower.setDaemon(true);
    follower.start();
  }

  private void follow() {
    try {
      while (!closed && !assign()) {
        TimeUnit.MILLISECONDS.sleep(timeout.toMillis());
      }
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() != null && java.util.Arrays.equals(CANARY_KEY, r.key())) {
            canary(r.value());
          }
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("the Kafka canary follower stopped: {}", e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private boolean assign() {
    try {
      List<PartitionInfo> partitions = consumer.partitionsFor(KafkaTopics.READINGS, timeout);
      if (partitions == null || partitions.isEmpty()) {
        return false;
      }
      List<TopicPartition> tps =
          partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToEnd(tps);
      return true;
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return false;
    }
  }

  private void canary(byte[] value) {
    try {
      for (Reading r : TelemetryCodec.decodeReadings(value)) {
        seen.accumulateAndGet(r.seq(), Math::max);
      }
    } catch (RuntimeException e) {
      LOG.debug("a canary-keyed record is not a reading: {}", e.toString());
    }
  }

  /** The publish time of the freshest canary seen in the readings topic. */
  Optional<Instant> passed() {
    long seq = seen.get();
    return seq < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(seq));
  }

  /** Checks the cluster answers and refreshes the lag; why Kafka is down, empty when it answers. */
  Optional<String> check() {
    if (!follower.isAlive() && !closed) {
      return Optional.of("the watchdog's canary consumer stopped (see its log)");
    }
    try {
      int nodes =
          admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      if (nodes == 0) {
        return Optional.of("Kafka: no broker in the cluster");
      }
    } catch (Exception e) {
      lag = OptionalLong.empty();
      return Optional.of("Kafka does not answer (" + Rest.why(e) + ")");
    }
    lag = readLag();
    return Optional.empty();
  }

  private OptionalLong readLag() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(jobGroup)
              .partitionsToOffsetAndMetadata()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      committed.forEach(
          (tp, om) -> {
            if (om != null && KafkaTopics.READINGS.equals(tp.topic())) {
              ends.put(tp, OffsetSpec.latest());
            }
          });
      if (ends.isEmpty()) {
        return OptionalLong.empty();
      }
      long total = 0;
      var latest = admin.listOffsets(ends).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      for (var e : latest.entrySet()) {
        total += Math.max(0, e.getValue().offset() - committed.get(e.getKey()).offset());
      }
      return OptionalLong.of(total);
    } catch (Exception e) {
      return OptionalLong.empty();
    }
  }

  /** The job group's lag on the readings topic at the last check, empty when unknown. */
  OptionalLong lag() {
    return lag;
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      follower.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(2));
  }
}
