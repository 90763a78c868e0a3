package io.heatwatch.job;

import io.heatwatch.job.functions.ParsedRecordDeserializer;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.KafkaTopics;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
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

  private KafkaSource<ParsedRecord> source(String topic, ParsedRecordDeserializer deserializer) {
    // Offsets live in checkpoints; the group's committed offsets are only the starting point of a
    // job started without a checkpoint, and a new group starts at the beginning of the topic.
    return KafkaSource.<ParsedRecord>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setGroupId(config.kafkaGroupId())
        .setClientIdPrefix(config.kafkaGroupId() + "-" + topic)
        .setTopics(topic)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(deserializer)
        .build();
  }
}
