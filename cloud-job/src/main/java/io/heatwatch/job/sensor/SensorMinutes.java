package io.heatwatch.job.sensor;

import io.heatwatch.job.detect.SensorState;
import io.heatwatch.job.functions.ClosedMinutes;
import io.heatwatch.job.functions.MetricsAccumulator;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;

/**
 * The 1-minute metrics of {@link SensorFunction}. A reading counts at the event time the source
 * assigned it (its {@code ts}, clamped to the arrival time when too far ahead, {@link
 * io.heatwatch.job.parse.ParsedRecordTimestamps}): a minute opened at a device's wrong future time
 * would wait for a watermark that never comes, and keep the sensor's state with it. An OK reading
 * counts in its minute while that minute is open (the minute's last millisecond is ahead of the
 * watermark); one event-time timer per open minute emits it, and a minute without OK readings emits
 * nothing.
 *
 * <p>A late reading of a closed minute still counts: {@link ClosedMinutes} keeps the statistics of
 * the sensor's latest emitted minutes and knows which minutes have a document, and {@link
 * #LATE_FLUSH} after the first late reading the changed minutes are emitted again, whole, under the
 * same document id (Elasticsearch keeps the version with the larger count). So a device's
 * store-and-forward backlog gets the metrics of every minute it covers. Only a late reading of a
 * minute that has a document whose statistics are no longer kept is in no metrics (metric {@code
 * lateReadingsNotInMetrics}); the reading itself is stored.
 */
final class SensorMinutes {
  /** Length of the metrics windows. */
  static final Duration WINDOW = Duration.ofMinutes(1);

  /**
   * How long late readings of closed minutes are gathered before those minutes are emitted again,
   * so a store-and-forward backlog gives one document per minute rather than one per reading.
   */
  static final Duration LATE_FLUSH = Duration.ofSeconds(5);

  private static final long MINUTE_MS = WINDOW.toMillis();

  private final Counter lateNotInMetrics;

  SensorMinutes(MetricGroup metrics) {
    this.lateNotInMetrics = metrics.counter("lateReadingsNotInMetrics");
  }

  /** Adds an OK reading at {@code eventTime} to its minute, open or closed. */
  void count(
      SensorState current, Reading reading, long eventTime, long watermark, TimerService timers) {
    if (!reading.quality().usable()) {
      return;
    }
    long start = eventTime - Math.floorMod(eventTime, MINUTE_MS);
    long last = start + MINUTE_MS - 1;
    if (last > watermark) {
      if (current.addToMinute(start, reading, reading.tempC())) {
        timers.registerEventTimeTimer(last);
      }
      return;
    }
    ClosedMinutes closed = current.closed();
    if (closed.add(start, reading, reading.tempC()) == ClosedMinutes.Late.UNTRACKED) {
      lateNotInMetrics.inc();
    } else if (closed.flushDue == Long.MIN_VALUE) {
      closed.flushDue = timers.currentProcessingTime() + LATE_FLUSH.toMillis();
      timers.registerProcessingTimeTimer(closed.flushDue);
    }
  }

  /** The event-time timer at the last millisecond of a minute: emits that minute if it is open. */
  static void close(SensorState current, long timestamp, Consumer<SensorMetrics> out) {
    long start = timestamp + 1 - MINUTE_MS;
    MetricsAccumulator minute = current.removeMinute(start);
    if (minute != null) {
      out.accept(metrics(start, minute));
      current.closed().emitted(start, minute);
    }
  }

  /** A processing-time timer: emits again the closed minutes late readings changed, if due. */
  static void flushLate(SensorState current, long timestamp, Consumer<SensorMetrics> out) {
    ClosedMinutes closed = current.closed;
    if (closed == null || closed.flushDue == Long.MIN_VALUE || closed.flushDue > timestamp) {
      return;
    }
    for (ClosedMinutes.Minute minute : closed.flush()) {
      out.accept(metrics(minute.start(), minute.statistics()));
    }
  }

  private static SensorMetrics metrics(long start, MetricsAccumulator minute) {
    return minute.metrics(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + MINUTE_MS));
  }
}
