package io.heatwatch.job;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.DeliveryDoc;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;
import java.util.Optional;
import org.apache.flink.api.connector.source.Source;

/**
 * Where the job reads readings from; production reads Kafka, tests may pass any source of parsed
 * records. {@link HeatwatchJob} adds the watermarks.
 */
public interface Sources {

  /** Contract v1 readings, topic {@code heatwatch.readings}. */
  Source<ParsedRecord, ?, ?> readings();

  /** The prototype's records, topic {@code temperature_msg}. */
  Source<ParsedRecord, ?, ?> legacyReadings();

  /** Sensor thresholds, compacted topic {@code heatwatch.sensor-config}, read from the start. */
  Source<ConfigUpdate, ?, ?> sensorConfigs();

  /** Device births, heartbeats and Last Wills, topic {@code heatwatch.device-status}. */
  Source<DeviceStatus, ?, ?> deviceStatus();

  /** Operators' acknowledgements, topic {@code heatwatch.alarm-commands}. */
  Source<AlarmCommand, ?, ?> alarmCommands();

  /**
   * The notifier's delivery log, topic {@code heatwatch.notification-log}, to index for the audit;
   * absent (the default, for tests and benchmarks of other parts), it is not indexed.
   */
  default Optional<Source<DeliveryDoc, ?, ?>> deliveryLog() {
    return Optional.empty();
  }

  /** The Kafka topics, read with the group id and time zone of {@code config}. */
  static Sources kafka(JobConfig config) {
    return new KafkaSources(config);
  }
}
