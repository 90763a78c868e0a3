package io.heatwatch.bridge.it;

import io.heatwatch.testkit.KafkaServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads topics from the beginning on a background thread, so tests can watch counts grow. */
public final class KafkaTail implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  public KafkaTail(KafkaServer kafka, String... topics) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "tail-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topics));
    thread = new Thread(this::run, "kafka-tail");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        var batch = consumer.poll(Duration.ofMillis(100));
        synchronized (records) {
          batch.forEach(records::add);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** Records read so far. */
  public int count() {
    synchronized (records) {
      return records.size();
    }
  }

  /** Records of {@code topic} read so far, in read order. */
  public List<ConsumerRecord<byte[], byte[]>> records(String topic) {
    synchronized (records) {
      return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }
  }

  /** Number of records of {@code topic} read so far. */
  public long count(String topic) {
    synchronized (records) {
      return records.stream().filter(r -> r.topic().equals(topic)).count();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
