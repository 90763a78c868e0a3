package io.heatwatch.job.functions;

import io.heatwatch.model.Reading;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys a reading by its sensor, {@code deviceId/sensorId}: sensor ids are unique only per device
 * once they are names given in config.
 */
public final class SensorKey implements KeySelector<Reading, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(Reading reading) {
    return of(reading);
  }

  /** The key of a reading's sensor. */
  public static String of(Reading reading) {
    return reading.deviceId() + "/" + reading.sensorId();
  }
}
