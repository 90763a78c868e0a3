package io.heatwatch.job.functions;

import io.heatwatch.model.Reading;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a sensor's readings into {@link MetricsAccumulator}; only OK readings count. */
public final class SensorMetricsAggregate
    implements AggregateFunction<Reading, MetricsAccumulator, MetricsAccumulator> {
  private static final long serialVersionUID = 1L;

  @Override
  public MetricsAccumulator createAccumulator() {
    return MetricsAccumulator.empty();
  }

  @Override
  public MetricsAccumulator add(Reading reading, MetricsAccumulator accumulator) {
    if (!reading.quality().usable()) {
      return accumulator;
    }
    return accumulator.add(reading, reading.tempC());
  }

  @Override
  public MetricsAccumulator getResult(MetricsAccumulator accumulator) {
    return accumulator;
  }

  @Override
  public MetricsAccumulator merge(MetricsAccumulator a, MetricsAccumulator b) {
    return a.merge(b);
  }
}
