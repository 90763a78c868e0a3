package io.heatwatch.job.functions;

import io.heatwatch.job.model.SensorMetrics;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a closed window's statistics into {@link SensorMetrics}; a window without OK readings gives
 * none.
 */
public final class SensorMetricsWindow
    extends ProcessWindowFunction<MetricsAccumulator, SensorMetrics, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  @Override
  public void process(
      String sensorKey,
      Context context,
      Iterable<MetricsAccumulator> results,
      Collector<SensorMetrics> out) {
    for (MetricsAccumulator stats : results) {
      if (stats.count() > 0) {
        out.collect(metrics(stats, context.window()));
      }
    }
  }

  /** The metrics of {@code stats} over {@code window}. */
  static SensorMetrics metrics(MetricsAccumulator stats, TimeWindow window) {
    return new SensorMetrics(
        stats.site(),
        stats.deviceId(),
        stats.sensorId(),
        Instant.ofEpochMilli(window.getStart()),
        Instant.ofEpochMilli(window.getEnd()),
        stats.count(),
        stats.min(),
        stats.max(),
        stats.mean(),
        stats.stddev(),
        Instant.ofEpochMilli(stats.firstTs()),
        Instant.ofEpochMilli(stats.lastTs()));
  }
}
