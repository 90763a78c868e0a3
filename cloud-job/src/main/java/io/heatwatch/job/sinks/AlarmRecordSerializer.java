package io.heatwatch.job.sinks;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alarm version as a Kafka record of {@code heatwatch.alarms}: key = alarmId, so every version
 * of one alarm stays in order in one partition; value = the contract's JSON.
 */
public final class AlarmRecordSerializer implements KafkaRecordSerializationSchema<Alarm> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  /** A serializer that writes to {@code topic}. */
  public AlarmRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Alarm alarm, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic, alarm.alarmId().getBytes(StandardCharsets.UTF_8), TelemetryCodec.encode(alarm));
  }
}
