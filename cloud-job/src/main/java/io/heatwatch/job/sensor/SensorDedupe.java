package io.heatwatch.job.sensor;

import io.heatwatch.job.detect.SensorState;
import io.heatwatch.model.Reading;
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

  /** What {@link #firstCopy} found; {@link #DUPLICATE} is the only one that is not new. */
  enum Copy {
    /** A copy of a reading already seen: dropped. */
    DUPLICATE,
    /** The first copy, in a wall-clock second the sensor already sent a new reading in. */
    FIRST,
    /** The first copy, and the sensor's first new reading of this wall-clock second. */
    FIRST_OF_SECOND,
    /** The first copy, from a sensor that was not remembered: also the first of its second. */
    FIRST_SEEN
  }

  /**
   * Whether {@code reading} is the first copy of its {@code (deviceId, seq)}, marking it seen at
   * processing time {@code now}: {@link Copy#DUPLICATE} if not; otherwise whether it is the
   * sensor's first new reading of a wall-clock second (for the signs of life) and whether the
   * sensor was not remembered. An outcome rather than callbacks, so a reading allocates nothing
   * here.
   */
  Copy firstCopy(SensorState current, Reading reading, long now) {
    long[] seen = current.seen;
    if (seen == null) {
      current.seen = SeqWindow.first(reading.seq(), now);
      return Copy.FIRST_SEEN;
    }
    boolean newSecond = now / SECOND_MS != SeqWindow.lastSeen(seen) / SECOND_MS;
    switch (SeqWindow.accept(seen, reading.seq())) {
      case DUPLICATE -> {
        duplicates.inc();
        return Copy.DUPLICATE;
      }
      case TOO_OLD -> tooOld.inc();
      case FIRST -> {}
    }
    SeqWindow.touch(seen, now);
    return newSecond ? Copy.FIRST_OF_SECOND : Copy.FIRST;
  }
}
