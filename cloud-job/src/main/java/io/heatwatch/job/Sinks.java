package io.heatwatch.job;

import io.heatwatch.job.device.DeviceView;
import io.heatwatch.job.model.DeliveryDoc;
import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Notification;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the job writes; production writes Elasticsearch and Kafka, tests may pass any sink. */
public interface Sinks {

  /** De-duplicated readings, Elasticsearch {@code heatwatch-readings-YYYY.MM.DD}. */
  Sink<StoredReading> readings();

  /** The canary's readings, Elasticsearch {@code heatwatch-canary}, for the pipeline watchdog. */
  Sink<StoredReading> canary();

  /** 1-minute metrics per sensor, Elasticsearch {@code heatwatch-metrics-YYYY.MM.DD}. */
  Sink<SensorMetrics> metrics();

  /** Alarm versions, Elasticsearch {@code heatwatch-alarms}. */
  Sink<Alarm> alarms();

  /** Alarm versions, Kafka {@code heatwatch.alarms} (key alarmId). */
  Sink<Alarm> alarmEvents();

  /** Notification intents, Kafka {@code heatwatch.notifications} (key alarmId). */
  Sink<Notification> notifications();

  /** The latest state per device, Elasticsearch {@code heatwatch-devices}. */
  Sink<DeviceView> devices();

  /** Records the job rejected, Kafka {@code heatwatch.readings.invalid}. */
  Sink<InvalidRecord> invalidRecords();

  /**
   * The notifier's delivery log, Elasticsearch {@code heatwatch-deliveries}; asked for only when
   * {@link Sources#deliveryLog()} gives a source.
   */
  default Sink<DeliveryDoc> deliveries() {
    throw new UnsupportedOperationException("these sinks do not index the delivery log");
  }

  /** The production sinks for {@code config}. */
  static Sinks production(JobConfig config) {
    return new ProductionSinks(config);
  }
}
