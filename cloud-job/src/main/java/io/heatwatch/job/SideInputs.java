package io.heatwatch.job;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermark strategy of the job's side inputs (sensor configs, alarm commands): they carry no
 * event time and are rare, yet they meet the readings in the per-sensor operator, whose watermark
 * is the lowest of its inputs'. A side input that never sent a watermark would hold it at its start
 * forever (no minute would close, no reading be late). So a side input declares itself idle at
 * every periodic emit: idle inputs do not count. Not {@code Long.MAX_VALUE} watermarks: while every
 * readings partition is idle (an outage upstream) they would carry the operator's watermark to the
 * end of time, and every reading after the outage would be late.
 */
final class SideInputs {
  private SideInputs() {}

  static <T> WatermarkStrategy<T> watermarks() {
    return context -> new AlwaysIdle<>();
  }

  private static final class AlwaysIdle<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.markIdle();
    }
  }
}
