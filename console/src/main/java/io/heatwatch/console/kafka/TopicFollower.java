package io.heatwatch.console.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic from its start and follows it on a thread of its own, handing every record to a
 * handler; no consumer group, so the console needs only read access. A topic that does not exist
 * yet (the console started before the setup made it) or a broker that fails is waited for, never
 * given up on: a console that stopped following would show stale data without a word.
 */
final class TopicFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

  /** How long to wait before looking for the topic (or the broker) again. */
  static final Duration RETRY = Duration.ofSeconds(2);

  private final String topic;
  private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean following;

  TopicFollower(
      String bootstrapServers,
      String topic,
      String clientId,
      Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    this.topic = topic;
    this.handler = handler;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                // The setup makes the topic compacted; a lookup must never make a plain one.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                "false"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.thread = new Thread(this::follow, clientId);
    thread.setDaemon(true);
    thread.start();
  }

  /** Where a record is, for a log line: "topic-partition@offset". */
  static String where(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  /** Whether the topic is being followed (false while it does not exist or the broker fails). */
  boolean following() {
    return following;
  }

  private void follow() {
    try {
      boolean told = false;
      while (running) {
        try {
          List<TopicPartition> partitions = partitions();
          if (partitions.isEmpty()) {
            if (!told) {
              LOG.warn("{} does not exist yet; waiting for it", topic);
              told = true;
            }
            pause();
            continue;
          }
          consumer.assign(partitions);
          consumer.seekToBeginning(partitions);
          following = true;
          LOG.info("following {} ({} partitions)", topic, partitions.size());
          while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
              handler.accept(record);
            }
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.warn("following {}: {}; trying again", topic, e.toString());
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
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
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

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5_000);
  }
}
