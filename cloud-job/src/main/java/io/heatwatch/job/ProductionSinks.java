package io.heatwatch.job;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.job.sinks.AlarmEmitter;
import io.heatwatch.job.sinks.ElasticsearchSinks;
import io.heatwatch.job.sinks.InvalidRecordSerializer;
import io.heatwatch.job.sinks.MetricsEmitter;
import io.heatwatch.job.sinks.ReadingEmitter;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** Elasticsearch for readings, metrics and alarms; Kafka for rejected records. */
final class ProductionSinks implements Sinks {
  private final JobConfig config;

  ProductionSinks(JobConfig config) {
    this.config = config;
  }

  @Override
  public Sink<StoredReading> readings() {
    return ElasticsearchSinks.create(config.elasticsearchHosts(), new ReadingEmitter());
  }

  @Override
  public Sink<SensorMetrics> metrics() {
    return ElasticsearchSinks.create(config.elasticsearchHosts(), new MetricsEmitter());
  }

  @Override
  public Sink<Alarm> alarms() {
    return ElasticsearchSinks.create(config.elasticsearchHosts(), new AlarmEmitter());
  }

  @Override
  public Sink<InvalidRecord> invalidRecords() {
    return KafkaSink.<InvalidRecord>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setRecordSerializer(new InvalidRecordSerializer(KafkaTopics.READINGS_INVALID))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
