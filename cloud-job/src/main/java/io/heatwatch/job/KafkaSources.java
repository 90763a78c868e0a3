package io.heatwatch.job;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.DeliveryDoc;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.job.parse.ContractDeserializers;
import io.heatwatch.job.parse.ParsedRecordDeserializer;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.KafkaTopics;
import java.util.Optional;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production sources: one {@link KafkaSource} per topic. */
final class KafkaSources implements Sources {
  private final JobConfig config;

  KafkaSources(JobConfig config) {
    this.config = config;
  }

  @Override
  public Source<ParsedRecord, ?, ?> readings() {
    return source(KafkaTopics.READINGS, ParsedRecordDeserializer.v1());
  }

  @Override
  public Source<ParsedRecord, ?, ?> legacyReadings() {
    return source(KafkaTopics.LEGACY, ParsedRecordDeserializer.legacy(config.legacyZone()));
  }

  @Override
  public Source<ConfigUpdate, ?, ?> sensorConfigs() {
    // Always the whole compacted topic: every sensor's latest config, whatever the group did.
    return KafkaSource.<ConfigUpdate>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setGroupId(config.kafkaGroupId() + "-config")
        .setClientIdPrefix(config.kafkaGroupId() + "-" + KafkaTopics.SENSOR_CONFIG)
        .setTopics(KafkaTopics.SENSOR_CONFIG)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(ContractDeserializers.sensorConfig())
        .build();
  }

  @Override
  public Source<DeviceStatus, ?, ?> deviceStatus() {
    return source(KafkaTopics.DEVICE_STATUS, ContractDeserializers.deviceStatus());
  }

  @Override
  public Source<AlarmCommand, ?, ?> alarmCommands() {
    return source(KafkaTopics.ALARM_COMMANDS, ContractDeserializers.alarmCommands());
  }

  @Override
  public Optional<Source<DeliveryDoc, ?, ?>> deliveryLog() {
    // A group of its own: the readings' group committing offsets of a topic it never read before
    // would otherwise start the index at the log's end.
    return Optional.of(
        KafkaSource.<DeliveryDoc>builder()
            .setBootstrapServers(config.kafkaBootstrapServers())
            .setGroupId(config.kafkaGroupId() + "-deliveries")
            .setClientIdPrefix(config.kafkaGroupId() + "-" + KafkaTopics.NOTIFICATION_LOG)
            .setTopics(KafkaTopics.NOTIFICATION_LOG)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(ContractDeserializers.deliveryLog())
            .build());
  }

  private <T> KafkaSource<T> source(
      String topic, KafkaRecordDeserializationSchema<T> deserializer) {
    // Offsets live in checkpoints; the group's committed offsets are only the starting point of a
    // job started without a checkpoint, and a new group starts at the beginning of the topic.
    return KafkaSource.<T>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setGroupId(config.kafkaGroupId())
        .setClientIdPrefix(config.kafkaGroupId() + "-" + topic)
        .setTopics(topic)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(deserializer)
        .build();
  }
}
