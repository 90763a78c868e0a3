package io.heatwatch.notifier.deliver;

import io.heatwatch.model.KafkaTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the delivery log ({@code heatwatch.notification-log}, compacted, key = notification id)
 * and waits for every write to be acknowledged by all in-sync replicas: a claim is durable before
 * the intent's offset is committed, a SENT before the notification counts as sent.
 */
final class DeliveryLog implements AutoCloseable {
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaProducer<String, byte[]> producer;

  DeliveryLog(Properties clientSettings) {
    Properties p = new Properties();
    p.putAll(clientSettings);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "heatwatch-notifier-log");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(WRITE_TIMEOUT.toMillis()));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(WRITE_TIMEOUT.toMillis()));
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** Writes the entries and returns once all are acknowledged; throws if any is not. */
  void write(List<LogEntry> entries) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
    for (LogEntry e : entries) {
      acks.add(
          producer.send(
              new ProducerRecord<>(KafkaTopics.NOTIFICATION_LOG, e.id(), LogCodec.encode(e))));
    }
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LogWriteException("interrupted while writing the delivery log", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new LogWriteException("delivery log write failed: " + e, e);
      }
    }
  }

  void write(LogEntry entry) {
    write(List.of(entry));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** The delivery log could not be written; the caller tries again later. */
  static final class LogWriteException extends RuntimeException {
    LogWriteException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
