package io.heatwatch.job.sinks;

import io.heatwatch.model.Notification;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A notification intent as a Kafka record of {@code heatwatch.notifications}: key = alarmId, so an
 * alarm's intents stay in order in one partition; value = the contract's JSON.
 */
public final class NotificationRecordSerializer
    implements KafkaRecordSerializationSchema<Notification> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  /** A serializer that writes to {@code topic}. */
  public NotificationRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Notification intent, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic, intent.alarmId().getBytes(StandardCharsets.UTF_8), TelemetryCodec.encode(intent));
  }
}
