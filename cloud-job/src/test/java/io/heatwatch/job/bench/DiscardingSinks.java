package io.heatwatch.job.bench;

import io.heatwatch.job.Sinks;
import io.heatwatch.job.device.DeviceView;
import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Notification;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The benchmarks' sinks: every Elasticsearch sink discards; the Kafka sinks are those of {@code
 * kafka}, or discard too when it is {@code null}.
 */
record DiscardingSinks(Sinks kafka) implements Sinks {
  /** Every sink discards. */
  static DiscardingSinks all() {
    return new DiscardingSinks(null);
  }

  @Override
  public Sink<StoredReading> readings() {
    return new DiscardingSink<>();
  }

  @Override
  public Sink<StoredReading> canary() {
    return new DiscardingSink<>();
  }

  @Override
  public Sink<SensorMetrics> metrics() {
    return new DiscardingSink<>();
  }

  @Override
  public Sink<Alarm> alarms() {
    return new DiscardingSink<>();
  }

  @Override
  public Sink<Notification> notifications() {
    return new DiscardingSink<>();
  }

  @Override
  public Sink<Alarm> alarmEvents() {
    return kafka == null ? new DiscardingSink<>() : kafka.alarmEvents();
  }

  @Override
  public Sink<DeviceView> devices() {
    return new DiscardingSink<>();
  }

  @Override
  public Sink<InvalidRecord> invalidRecords() {
    return kafka == null ? new DiscardingSink<>() : kafka.invalidRecords();
  }
}
