package io.heatwatch.job.device;

import io.heatwatch.model.Reading;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys a reading by its device, the unit whose order Kafka keeps. */
public final class DeviceKey implements KeySelector<Reading, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(Reading reading) {
    return reading.deviceId();
  }
}
