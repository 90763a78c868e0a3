package io.heatwatch.job.sensor;

import io.heatwatch.job.detect.SensorState;
import io.heatwatch.model.Reading;
import java.util.function.Consumer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * De-duplication on {@code (deviceId, seq)} for {@link SensorFunction}. A reading's {@code
 * (deviceId, seq)} always has the same sensor, so a sensor's key sees every copy of its readings.
 * Per sensor the state is the highest seq seen and a bitmap of the {@value SeqWindow#SIZE} seqs
 * below it ({@link SeqWindow}): constant work and ~0.5 KB. A reading older than the window cannot
 * be judged and is let through (counted): Elasticsearch's {@code _id} still keeps it from being
 * shown twice.
 *
 * <p>Metrics: {@code duplicateReadings}, {@code readingsOlderThanDedupeWindow}.
 */
final class SensorDedupe {
  private static final long SECOND_MS = 1000;

  private final Counter duplicates;
  private final Counter tooOld;

  SensorDedupe(MetricGroup metrics) {
    this.duplicates = metrics.counter("duplicateReadings");
    this.tooOld = metrics.counter("readingsOlderThanDedupeWindow");
  }

  /**
   * Whether {@code reading} is the first copy of its {@code (deviceId, seq)}; marks it seen at
   * processing time {@code now}, and passes it to {@code signsOfLife} when it is the sensor's first
   * new reading of a wall-clock second. Returns {@code false} for a duplicate. {@code firstSeen}
   * runs when the sensor was not remembered, with {@code now}.
   */
  boolean firstCopy(
      SensorState current,
      Reading reading,
      long now,
      Consumer<Reading> signsOfLife,
      Runnable firstSeen) {
    long[] seen = current.seen;
    boolean newSecond;
    if (seen == null) {
      newSecond = true;
      current.seen = SeqWindow.first(reading.seq(), now);
      firstSeen.run();
    } else {
      newSecond = now / SECOND_MS != SeqWindow.lastSeen(seen) / SECOND_MS;
      switch (SeqWindow.accept(seen, reading.seq())) {
        case DUPLICATE -> {
          duplicates.inc();
          return false;
        }
        case TOO_OLD -> tooOld.inc();
        case FIRST -> {}
      }
      SeqWindow.touch(seen, now);
    }
    if (newSecond) {
      signsOfLife.accept(reading);
    }
    return true;
  }
}
