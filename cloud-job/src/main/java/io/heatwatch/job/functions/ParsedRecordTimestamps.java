package io.heatwatch.job.functions;

import io.heatwatch.job.model.ParsedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Event time is the reading's {@code ts}; invalid records get {@link ParsedRecord#NO_TIMESTAMP} so
 * that they never move a watermark.
 *
 * <p>A reading stamped more than {@link #MAX_FUTURE} ahead of this machine's clock comes from a
 * device whose clock is wrong (a Raspberry Pi has no real-time clock and may boot with any time
 * until NTP syncs). Its event time here is the arrival time instead: one such reading would
 * otherwise drag the watermark ahead and make every later reading of its partition late, and park a
 * window in state until that future time. Only Flink's event time changes: the reading keeps its
 * own {@code ts} everywhere else (the stored document, detection). A reading stamped in the past
 * needs nothing: it is late, indexed with {@code late=true} and never lost.
 */
public final class ParsedRecordTimestamps implements SerializableTimestampAssigner<ParsedRecord> {
  private static final long serialVersionUID = 1L;

  /** How far ahead of the job's clock a reading's time is still believed. */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

  private final SerializableSupplier<Long> clockMillis;

  /** Compares reading times with the system clock. */
  public ParsedRecordTimestamps() {
    this(System::currentTimeMillis);
  }

  /** Compares reading times with {@code clockMillis} (tests). */
  ParsedRecordTimestamps(SerializableSupplier<Long> clockMillis) {
    this.clockMillis = clockMillis;
  }

  @Override
  public long extractTimestamp(ParsedRecord record, long kafkaTimestamp) {
    long eventTime = record.eventTimeMillis();
    if (eventTime == ParsedRecord.NO_TIMESTAMP) {
      return eventTime;
    }
    long now = clockMillis.get();
    return eventTime > now + MAX_FUTURE.toMillis() ? now : eventTime;
  }
}
