package io.heatwatch.job.sinks;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Where an Elasticsearch writer puts the documents Elasticsearch refused: the invalid-records
 * topic, through a Kafka producer opened at the first refusal. {@link #flush()} runs before every
 * checkpoint, so a refused document is in Kafka before the checkpoint that passes it completes.
 */
final class DeadLetters implements AutoCloseable {
  private final String bootstrapServers;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private KafkaProducer<byte[], byte[]> producer;

  DeadLetters(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  /** Sends {@code document}, refused by {@code index} for {@code reason}. */
  void send(String index, String id, String reason, byte[] document) {
    producer()
        .send(
            InvalidRecordSerializer.refusedDocument(topic, index, id, reason, document),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
  }

  /** Waits until everything sent is in Kafka; throws if any of it could not be written. */
  void flush() throws IOException {
    if (producer != null) {
      producer.flush();
    }
    Exception e = failure.getAndSet(null);
    if (e != null) {
      throw new IOException("cannot write refused documents to " + topic, e);
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                  true),
              new ByteArraySerializer(),
              new ByteArraySerializer());
    }
    return producer;
  }
}
