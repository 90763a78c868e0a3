package io.heatwatch.job.parse;

import io.heatwatch.job.model.ParsedRecord;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event time is the reading's {@code ts}; invalid records get {@link ParsedRecord#NO_TIMESTAMP} so
 * that they never move a watermark.
 *
 * <p>A reading stamped further ahead of this machine's clock than the watermark's out-of-orderness
 * bound comes from a device whose clock is wrong (a Raspberry Pi has no real-time clock, may boot
 * with any time until NTP syncs, and drifts). Its event time here is the arrival time instead. Any
 * looser bound lets one fast device drag its partition's watermark ahead of the true time, and the
 * readings of every correct device in that partition then arrive behind it: marked late, and left
 * out of their minutes. Only Flink's event time changes: the reading keeps its own {@code ts}
 * everywhere else (the stored document, detection). A reading stamped in the past needs nothing: it
 * is late, indexed with {@code late=true} and never lost.
 *
 * <p>Metrics: {@code readingsAheadOfClock} counts the clamped readings; the gauge {@code
 * clockAheadMaxMs} is the furthest ahead a reading was in the previous minute (0 when none was
 * ahead). Each clamped device is logged with its skew, at most one line a minute.
 */
public final class ParsedRecordTimestamps implements TimestampAssigner<ParsedRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(ParsedRecordTimestamps.class);
  private static final long MINUTE_MS = 60_000;

  private final LongSupplier clockMillis;
  private final long maxAheadMs;
  private final Counter ahead;
  private final ThrottledWarning aheadLog = new ThrottledWarning();
  private long minute = Long.MIN_VALUE;
  private long maxAheadThisMinute;
  private volatile long maxAheadLastMinute;

  /**
   * Compares reading times with {@code clockMillis}, believing them up to {@code maxAhead} ahead;
   * registers its metrics in {@code metrics} unless it is {@code null}.
   */
  public ParsedRecordTimestamps(LongSupplier clockMillis, Duration maxAhead, MetricGroup metrics) {
    this.clockMillis = clockMillis;
    this.maxAheadMs = maxAhead.toMillis();
    if (metrics != null) {
      this.ahead = metrics.counter("readingsAheadOfClock");
      metrics.<Long, Gauge<Long>>gauge("clockAheadMaxMs", () -> maxAheadLastMinute);
    } else {
      this.ahead = new SimpleCounter();
    }
  }

  /** The job's assigner: the system clock, readings believed up to {@code maxAhead} ahead. */
  public static TimestampAssignerSupplier<ParsedRecord> supplier(Duration maxAhead) {
    return context ->
        new ParsedRecordTimestamps(System::currentTimeMillis, maxAhead, context.getMetricGroup());
  }

  @Override
  public long extractTimestamp(ParsedRecord record, long kafkaTimestamp) {
    long eventTime = record.eventTimeMillis();
    if (eventTime == ParsedRecord.NO_TIMESTAMP) {
      return eventTime;
    }
    long now = clockMillis.getAsLong();
    long skew = eventTime - now;
    track(now, skew);
    if (skew <= maxAheadMs) {
      return eventTime;
    }
    ahead.inc();
    long count = aheadLog.add(1, now);
    if (count > 0) {
      LOG.warn(
          "{} reading(s) stamped ahead of this clock beyond {} ms, event time set to arrival;"
              + " latest: device {} sensor {} seq {} ahead by {} ms",
          count,
          maxAheadMs,
          record.reading().deviceId(),
          record.reading().sensorId(),
          record.reading().seq(),
          skew);
    }
    return now;
  }

  /** Keeps the furthest-ahead skew of each minute of this clock for the gauge. */
  private void track(long now, long skew) {
    long thisMinute = now / MINUTE_MS;
    if (thisMinute != minute) {
      maxAheadLastMinute = minute == thisMinute - 1 ? maxAheadThisMinute : 0;
      maxAheadThisMinute = 0;
      minute = thisMinute;
    }
    maxAheadThisMinute = Math.max(maxAheadThisMinute, skew);
  }
}
