package io.heatwatch.job.functions;

import io.heatwatch.job.model.ParsedRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time is the reading's {@code ts}; invalid records get {@link ParsedRecord#NO_TIMESTAMP} so
 * that they never move a watermark.
 */
public final class ParsedRecordTimestamps implements SerializableTimestampAssigner<ParsedRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public long extractTimestamp(ParsedRecord record, long kafkaTimestamp) {
    return record.eventTimeMillis();
  }
}
