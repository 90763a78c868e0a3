package io.heatwatch.watchdog;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ElasticsearchHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Stands in for the job's canary indexing (cloud-job writes canary readings to {@code
 * heatwatch-canary} under {@code deviceId:seq}): copies canary readings from the readings topic
 * into that index while {@link #relaying} is on, so a test can stop "the job" at will.
 */
final class CanaryRelay implements AutoCloseable {
  volatile boolean relaying = true;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ElasticsearchHttp es;
  private final Thread thread;
  private volatile boolean closed;

  CanaryRelay(String bootstrapServers, String esUrl) {
    this.es = new ElasticsearchHttp(esUrl);
    this.consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> tps =
        consumer.partitionsFor(KafkaTopics.READINGS).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(tps);
    consumer.seekToEnd(tps);
    thread = new Thread(this::run, "canary-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Reading reading = TelemetryCodec.decodeReading(r.value());
          if (relaying && Pipeline.isCanary(reading.deviceId())) {
            es.put(
                "/" + ElasticsearchWatch.CANARY_INDEX + "/_doc/" + reading.id(),
                "{\"deviceId\":\"" + reading.deviceId() + "\",\"seq\":" + reading.seq() + "}");
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    consumer.wakeup();
    thread.join(5000);
  }
}
