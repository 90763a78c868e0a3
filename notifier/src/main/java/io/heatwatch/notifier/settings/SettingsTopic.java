package io.heatwatch.notifier.settings;

import io.heatwatch.model.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code heatwatch.notifier-settings}, the compacted topic the console and the notifier talk
 * through (docs/protocol.md): the notifier writes its catalogue and its settings report there, and
 * reads channel tests and settings edits from it.
 */
public final class SettingsTopic {
  private SettingsTopic() {}

  /**
   * The topic's partitions, or none if it does not exist yet or Kafka did not answer within {@code
   * timeout} (the caller looks again later).
   */
  public static List<TopicPartition> partitions(Consumer<?, ?> consumer, Duration timeout) {
    try {
      return consumer.partitionsFor(KafkaTopics.NOTIFIER_SETTINGS, timeout).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition()))
          .toList();
    } catch (TimeoutException e) {
      return List.of();
    }
  }

  /**
   * Writes one record and waits until Kafka has it (acks=all); throws IllegalStateException if it
   * did not within 30 s.
   */
  public static void write(Properties client, String clientId, String key, byte[] value) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(KafkaTopics.NOTIFIER_SETTINGS, key, value))
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(e.toString(), e);
    }
  }
}
