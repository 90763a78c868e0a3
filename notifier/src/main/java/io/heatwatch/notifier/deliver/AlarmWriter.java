package io.heatwatch.notifier.deliver;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.TelemetryCodec;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes the notifier's own alarms to {@code heatwatch.alarms} (key = alarmId), acknowledged. */
final class AlarmWriter implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  AlarmWriter(Properties clientSettings) {
    Properties p = new Properties();
    p.putAll(clientSettings);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "heatwatch-notifier-alarms");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  void write(Alarm alarm) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  KafkaTopics.ALARMS, alarm.alarmId(), TelemetryCodec.encode(alarm)))
          .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryLog.LogWriteException("interrupted writing alarm " + alarm.alarmId(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new DeliveryLog.LogWriteException(
          "cannot write alarm " + alarm.alarmId() + ": " + e, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
