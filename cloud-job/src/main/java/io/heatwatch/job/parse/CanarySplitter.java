package io.heatwatch.job.parse;

import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Reading;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits the canary's readings ({@link Pipeline#CANARY_DEVICE_ID}) off before de-duplication,
 * detection and metrics: they go to {@link #CANARY}, stamped with their arrival, and make no alarm,
 * no metrics, no device and no sensor. Every other reading passes on.
 */
public final class CanarySplitter extends ProcessFunction<Reading, Reading> {
  private static final long serialVersionUID = 1L;

  /** The canary's readings, as they are stored. */
  public static final OutputTag<StoredReading> CANARY = new OutputTag<>("canary") {};

  @Override
  public void processElement(Reading reading, Context ctx, Collector<Reading> out) {
    if (Pipeline.isCanary(reading.deviceId())) {
      long now = ctx.timerService().currentProcessingTime();
      ctx.output(CANARY, new StoredReading(reading, false, Instant.ofEpochMilli(now)));
    } else {
      out.collect(reading);
    }
  }
}
