package io.heatwatch.job.device;

import io.heatwatch.job.model.DeviceEvent;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.Pipeline;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Passes device status messages on to the per-device operator, except those of heatwatch's own
 * reserved devices (the canary), which are no device of an operator's.
 */
public final class StatusToDevices implements FlatMapFunction<DeviceStatus, DeviceEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public void flatMap(DeviceStatus status, Collector<DeviceEvent> out) {
    if (!Pipeline.isReserved(status.deviceId())) {
      out.collect(DeviceEvent.of(status));
    }
  }
}
