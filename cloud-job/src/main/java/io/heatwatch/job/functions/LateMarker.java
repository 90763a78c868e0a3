package io.heatwatch.job.functions;

import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Reading;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Marks a reading {@code late} when it is at or behind the current watermark, so the windows have
 * passed it by, and stamps the processing time it was ingested at.
 */
public final class LateMarker extends ProcessFunction<Reading, StoredReading> {
  private static final long serialVersionUID = 1L;

  @Override
  public void processElement(Reading reading, Context ctx, Collector<StoredReading> out) {
    long eventTime = reading.ts().toEpochMilli();
    boolean late = eventTime <= ctx.timerService().currentWatermark();
    Instant ingestedAt = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
    out.collect(new StoredReading(reading, late, ingestedAt));
  }
}
