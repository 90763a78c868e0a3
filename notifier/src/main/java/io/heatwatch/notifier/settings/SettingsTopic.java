package io.heatwatch.notifier.settings;

import io.heatwatch.model.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
   * A consumer of the topic without a group (it assigns partitions and reads from the start, so
   * commits nothing): keys as text, values as bytes.
   */
  public static KafkaConsumer<String, byte[]> consumer(Properties client, String clientId) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Assigns {@code consumer} every partition of the topic, from its start, once the topic exists:
   * it looks every {@code retry} (a consumer cannot wait for a topic to be created) for as long as
   * {@code running} says; returns whether it assigned them. {@code waiting} is told once, on the
   * first look that finds no topic.
   */
  public static boolean assignFromStart(
      Consumer<?, ?> consumer, Duration retry, BooleanSupplier running, Runnable waiting)
      throws InterruptedException {
    List<TopicPartition> partitions = partitions(consumer, retry);
    if (partitions.isEmpty()) {
      waiting.run();
    }
    while (running.getAsBoolean() && partitions.isEmpty()) {
      Thread.sleep(retry.toMillis());
      partitions = partitions(consumer, retry);
    }
    if (partitions.isEmpty()) {
      return false;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return true;
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
