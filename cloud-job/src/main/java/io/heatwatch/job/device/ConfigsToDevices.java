package io.heatwatch.job.device;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.DeviceEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Passes sensor configs on to the per-device operator (silence bounds, retirement), keyed by the
 * device they name; drops tombstones keyed by a sensor id alone, which name no device.
 */
public final class ConfigsToDevices implements FlatMapFunction<ConfigUpdate, DeviceEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public void flatMap(ConfigUpdate update, Collector<DeviceEvent> out) {
    DeviceEvent event = DeviceEvent.of(update);
    if (event.deviceId() != null) {
      out.collect(event);
    }
  }
}
