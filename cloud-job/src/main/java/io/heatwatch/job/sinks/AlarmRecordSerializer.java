package io.heatwatch.job.sinks;

import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record about an alarm (an alarm version, a notification intent) as a Kafka record: key =
 * alarmId, so everything about one alarm stays in order in one partition; value = the contract's
 * JSON.
 *
 * @param <T> the contract record
 */
public final class AlarmRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final SerializableFunction<T, String> alarmId;

  /** A serializer that writes to {@code topic}, keyed by what {@code alarmId} gives. */
  public AlarmRecordSerializer(String topic, SerializableFunction<T, String> alarmId) {
    this.topic = topic;
    this.alarmId = alarmId;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T record, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic,
        alarmId.apply(record).getBytes(StandardCharsets.UTF_8),
        TelemetryCodec.encode(record));
  }
}
