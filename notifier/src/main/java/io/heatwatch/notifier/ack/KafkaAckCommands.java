package io.heatwatch.notifier.ack;

import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledgements to {@code heatwatch.alarm-commands}; used links as records keyed {@code
 * ack:<nonce>} in the compacted {@code heatwatch.notification-log}, read back at start so a link
 * stays used across restarts.
 */
public final class KafkaAckCommands implements AckCommands, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaAckCommands.class);

  static final String KEY_PREFIX = "ack:";
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaProducer<byte[], byte[]> producer;
  private final Map<String, UsedAck> used = new ConcurrentHashMap<>();

  private KafkaAckCommands(KafkaProducer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  /** Reads the used links from the log to its end, then is ready to take acknowledgements. */
  public static KafkaAckCommands open(String bootstrapServers) {
    KafkaAckCommands commands = new KafkaAckCommands(producer(bootstrapServers));
    try {
      commands.rebuild(bootstrapServers);
    } catch (RuntimeException e) {
      commands.close();
      throw e;
    }
    return commands;
  }

  @Override
  public Optional<UsedAck> used(String nonce) {
    return Optional.ofNullable(used.get(nonce));
  }

  // The command goes first: if the log write then fails, a second click sends a second
  // acknowledgement, which the job ignores; the other order could use a link and lose its ack.
  @Override
  public void acknowledge(String nonce, AlarmCommand command) {
    UsedAck use = new UsedAck(command.alarmId(), command.by(), command.ts());
    send(KafkaTopics.ALARM_COMMANDS, command.alarmId(), TelemetryCodec.encode(command));
    send(KafkaTopics.NOTIFICATION_LOG, KEY_PREFIX + nonce, UsedAckJson.encode(use));
    used.put(nonce, use);
  }

  private void send(String topic, String key, byte[] value) {
    try {
      producer
          .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic + ": " + e, e);
    }
  }

  private void rebuild(String bootstrapServers) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(KafkaTopics.NOTIFICATION_LOG, WRITE_TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WRITE_TIMEOUT);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!caughtUp(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "cannot read " + KafkaTopics.NOTIFICATION_LOG + " to its end within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          take(r.key(), r.value());
        }
      }
    }
  }

  private void take(byte[] rawKey, byte[] value) {
    if (rawKey == null) {
      return;
    }
    String key = new String(rawKey, StandardCharsets.UTF_8);
    if (!key.startsWith(KEY_PREFIX)) {
      return;
    }
    String nonce = key.substring(KEY_PREFIX.length());
    if (value == null) {
      used.remove(nonce);
      return;
    }
    try {
      used.put(nonce, UsedAckJson.decode(value));
    } catch (IllegalStateException e) {
      // One bad record must not keep the notifier from starting. Its link counts as used: a link
      // refused once too often is safer than one acknowledging twice.
      LOG.warn(
          "notification log: used-link record {} unreadable, its link stays used: {}",
          key,
          e.getCause());
      used.put(nonce, new UsedAck("unknown", "someone (the record is unreadable)", Instant.EPOCH));
    }
  }

  private static boolean caughtUp(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "heatwatch-notifier-ack");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "heatwatch-notifier-ack-rebuild");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
