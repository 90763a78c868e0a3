package io.heatwatch.console.kafka;

import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.ChannelTest;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.NotifierSettings;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the console's only three kinds of record: alarm commands, sensor configs and channel test
 * requests, each acknowledged by every in-sync replica before the operator is told it is done.
 */
public final class CommandPublisher implements AutoCloseable {
  private static final long SEND_TIMEOUT_S = 15;

  private final KafkaProducer<byte[], byte[]> producer;

  public CommandPublisher(String bootstrapServers) {
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.CLIENT_ID_CONFIG, "heatwatch-console",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "12000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                ProducerConfig.LINGER_MS_CONFIG, "0"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /** Sends an alarm command keyed by its alarmId and waits for Kafka's acknowledgement. */
  public void send(AlarmCommand command) {
    send(KafkaTopics.ALARM_COMMANDS, command.alarmId(), TelemetryCodec.encode(command));
  }

  /**
   * Sends a sensor's config keyed by {@code deviceId/sensorId} ({@link
   * io.heatwatch.model.SensorRef#key()}) and waits for Kafka's acknowledgement.
   */
  public void send(SensorConfig config) {
    send(KafkaTopics.SENSOR_CONFIG, config.ref().key(), TelemetryCodec.encode(config));
  }

  /**
   * Sends a channel test request keyed {@code test/<testId>} to the notifier's settings topic and
   * waits for Kafka's acknowledgement.
   */
  public void send(ChannelTest test) {
    send(KafkaTopics.NOTIFIER_SETTINGS, test.key(), TelemetryCodec.encode(test));
  }

  /** Writes notifier settings saved in the console and waits for Kafka's acknowledgement. */
  public void send(NotifierSettings settings) {
    send(KafkaTopics.NOTIFIER_SETTINGS, NotifierSettings.KEY, TelemetryCodec.encode(settings));
  }

  private void send(String topic, String key, byte[] value) {
    try {
      producer
          .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
          .get(SEND_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not take the record for " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
