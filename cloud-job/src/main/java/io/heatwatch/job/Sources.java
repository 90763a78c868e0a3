package io.heatwatch.job;

import io.heatwatch.job.model.ParsedRecord;
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

  /** Both Kafka topics, read with the group id and time zone of {@code config}. */
  static Sources kafka(JobConfig config) {
    return new KafkaSources(config);
  }
}
