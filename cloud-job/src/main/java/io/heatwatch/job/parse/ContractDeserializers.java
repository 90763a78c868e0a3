package io.heatwatch.job.parse;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.DeliveryDoc;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka deserializers for the control topics (sensor configs, device status, alarm commands): a
 * record that does not decode is skipped with one WARN line naming topic, partition and offset, and
 * never stops the source.
 */
public final class ContractDeserializers {
  private static final Logger LOG = LoggerFactory.getLogger(ContractDeserializers.class);

  private ContractDeserializers() {}

  /**
   * {@code heatwatch.sensor-config}: key {@code deviceId/sensorId} (or, written before that, the
   * sensorId alone); a tombstone removes the config stored under its key.
   */
  public static KafkaRecordDeserializationSchema<ConfigUpdate> sensorConfig() {
    return new Decoding<>(
        ConfigUpdate.class,
        record -> {
          String key =
              record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
          if (record.value() == null) {
            return key == null ? null : new ConfigUpdate(key, null);
          }
          var config = TelemetryCodec.decodeSensorConfig(record.value());
          return new ConfigUpdate(key != null ? key : config.ref().key(), config);
        });
  }

  /** {@code heatwatch.device-status}: births, heartbeats and Last Wills. */
  public static KafkaRecordDeserializationSchema<DeviceStatus> deviceStatus() {
    return new Decoding<>(
        DeviceStatus.class,
        record -> record.value() == null ? null : TelemetryCodec.decodeStatus(record.value()));
  }

  /** {@code heatwatch.alarm-commands}: operators' acknowledgements. */
  public static KafkaRecordDeserializationSchema<AlarmCommand> alarmCommands() {
    return new Decoding<>(
        AlarmCommand.class,
        record ->
            record.value() == null ? null : TelemetryCodec.decodeAlarmCommand(record.value()));
  }

  /**
   * {@code heatwatch.notification-log}: the notifier's delivery log, as documents for the audit
   * index ({@link DeliveryLogDocs}); a tombstone is skipped.
   */
  public static KafkaRecordDeserializationSchema<DeliveryDoc> deliveryLog() {
    return new Decoding<>(
        DeliveryDoc.class,
        record -> record.value() == null ? null : DeliveryLogDocs.of(record.value()));
  }

  /** Decodes with a function that may return {@code null} for "skip quietly". */
  private static final class Decoding<T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private final SerializableDecoder<T> decoder;

    Decoding(Class<T> type, SerializableDecoder<T> decoder) {
      this.type = type;
      this.decoder = decoder;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
      T value;
      try {
        value = decoder.apply(record);
      } catch (RuntimeException e) {
        LOG.warn(
            "skipped {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
        return;
      }
      if (value != null) {
        out.collect(value);
      }
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return TypeInformation.of(type);
    }
  }

  /** A serializable decoding function. */
  private interface SerializableDecoder<T>
      extends Function<ConsumerRecord<byte[], byte[]>, T>, java.io.Serializable {}
}
