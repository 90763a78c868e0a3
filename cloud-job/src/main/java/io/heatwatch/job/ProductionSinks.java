package io.heatwatch.job;

import io.heatwatch.job.device.DeviceView;
import io.heatwatch.job.model.DeliveryDoc;
import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.job.sinks.AlarmEmitter;
import io.heatwatch.job.sinks.AlarmRecordSerializer;
import io.heatwatch.job.sinks.CanaryEmitter;
import io.heatwatch.job.sinks.DeliveryEmitter;
import io.heatwatch.job.sinks.DeviceEmitter;
import io.heatwatch.job.sinks.ElasticsearchSinks;
import io.heatwatch.job.sinks.InvalidRecordSerializer;
import io.heatwatch.job.sinks.MetricsEmitter;
import io.heatwatch.job.sinks.ReadingEmitter;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;

/**
 * Elasticsearch for readings, metrics, alarms, devices and deliveries; Kafka for alarm events and
 * rejects.
 */
final class ProductionSinks implements Sinks {
  private static final long TRANSACTION_TIMEOUT_MS = 10 * 60 * 1000;

  private final JobConfig config;

  ProductionSinks(JobConfig config) {
    this.config = config;
  }

  @Override
  public Sink<StoredReading> readings() {
    return ElasticsearchSinks.create(
        config.elasticsearchHosts(),
        config.elasticsearchLogin(),
        new ReadingEmitter(),
        config.kafkaBootstrapServers());
  }

  @Override
  public Sink<StoredReading> canary() {
    return ElasticsearchSinks.create(
        config.elasticsearchHosts(),
        config.elasticsearchLogin(),
        new CanaryEmitter(),
        config.kafkaBootstrapServers());
  }

  @Override
  public Sink<SensorMetrics> metrics() {
    return ElasticsearchSinks.create(
        config.elasticsearchHosts(),
        config.elasticsearchLogin(),
        new MetricsEmitter(),
        config.kafkaBootstrapServers());
  }

  @Override
  public Sink<Alarm> alarms() {
    return ElasticsearchSinks.create(
        config.elasticsearchHosts(),
        config.elasticsearchLogin(),
        new AlarmEmitter(),
        config.kafkaBootstrapServers());
  }

  @Override
  public Sink<Notification> notifications() {
    // At least once, as alarm events: an intent must not wait for a checkpoint; the notifier
    // drops a repeated intent by its id.
    return KafkaSink.<Notification>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setRecordSerializer(
            new AlarmRecordSerializer<>(KafkaTopics.NOTIFICATIONS, Notification::alarmId))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  @Override
  public Sink<Alarm> alarmEvents() {
    KafkaSinkBuilder<Alarm> builder =
        KafkaSink.<Alarm>builder()
            .setBootstrapServers(config.kafkaBootstrapServers())
            .setRecordSerializer(new AlarmRecordSerializer<>(KafkaTopics.ALARMS, Alarm::alarmId))
            .setDeliveryGuarantee(config.alarmsGuarantee());
    if (config.alarmsGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
      // Transactions commit on checkpoints, so alarms wait up to one checkpoint interval; the
      // timeout must cover a checkpoint plus a restart and stay below the broker's maximum (15
      // min).
      builder
          .setTransactionalIdPrefix(config.transactionalIdPrefix())
          .setProperty("transaction.timeout.ms", String.valueOf(TRANSACTION_TIMEOUT_MS));
    }
    return builder.build();
  }

  @Override
  public Sink<DeviceView> devices() {
    return ElasticsearchSinks.create(
        config.elasticsearchHosts(),
        config.elasticsearchLogin(),
        new DeviceEmitter(),
        config.kafkaBootstrapServers());
  }

  @Override
  public Sink<DeliveryDoc> deliveries() {
    return ElasticsearchSinks.create(
        config.elasticsearchHosts(),
        config.elasticsearchLogin(),
        new DeliveryEmitter(),
        config.kafkaBootstrapServers());
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
