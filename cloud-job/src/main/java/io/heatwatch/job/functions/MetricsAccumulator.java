package io.heatwatch.job.functions;

import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.model.Reading;
import java.time.Instant;

/**
 * Running statistics of one sensor's OK readings (Welford's mean and sum of squared deviations, so
 * the variance stays exact for long windows of similar values).
 *
 * @param site site of the first reading
 * @param deviceId device of the first reading
 * @param sensorId sensor of the first reading
 * @param count number of values
 * @param mean their mean
 * @param m2 sum of squared deviations from the mean
 * @param min lowest value
 * @param max highest value
 * @param firstTs earliest event time, epoch ms
 * @param lastTs latest event time, epoch ms
 *     <p>Stays in {@code functions/} under this name: Flink stores the class name in every
 *     checkpoint and savepoint (see {@code package-info.java}).
 */
public record MetricsAccumulator(
    String site,
    String deviceId,
    String sensorId,
    long count,
    double mean,
    double m2,
    double min,
    double max,
    long firstTs,
    long lastTs) {

  /** Nothing counted yet. */
  public static MetricsAccumulator empty() {
    return new MetricsAccumulator(
        null,
        null,
        null,
        0,
        0,
        0,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Long.MAX_VALUE,
        Long.MIN_VALUE);
  }

  /** This plus one value of {@code reading}. */
  public MetricsAccumulator add(Reading reading, double value) {
    long n = count + 1;
    double delta = value - mean;
    double newMean = mean + delta / n;
    long ts = reading.ts().toEpochMilli();
    return new MetricsAccumulator(
        site == null ? reading.site() : site,
        deviceId == null ? reading.deviceId() : deviceId,
        sensorId == null ? reading.sensorId() : sensorId,
        n,
        newMean,
        m2 + delta * (value - newMean),
        Math.min(min, value),
        Math.max(max, value),
        Math.min(firstTs, ts),
        Math.max(lastTs, ts));
  }

  /** Population standard deviation; 0 for fewer than two values. */
  public double stddev() {
    return count < 2 ? 0 : Math.sqrt(m2 / count);
  }

  /**
   * The metrics of this minute, {@code start} (inclusive) to {@code end} (exclusive). firstTs and
   * lastTs are bound to the window: a reading stamped beyond the clock is counted in the minute of
   * its arrival, so its device ts may lie outside the minute it is counted in.
   */
  public SensorMetrics metrics(Instant start, Instant end) {
    long from = start.toEpochMilli();
    long last = Math.max(from, end.toEpochMilli() - 1);
    return new SensorMetrics(
        site,
        deviceId,
        sensorId,
        start,
        end,
        count,
        min,
        max,
        mean,
        stddev(),
        Instant.ofEpochMilli(Math.min(Math.max(firstTs, from), last)),
        Instant.ofEpochMilli(Math.min(Math.max(lastTs, from), last)));
  }
}
