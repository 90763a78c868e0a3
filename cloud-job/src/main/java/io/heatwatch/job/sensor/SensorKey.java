package io.heatwatch.job.sensor;

import io.heatwatch.model.Reading;

/**
 * Keys a reading by its sensor, {@code deviceId/sensorId}: sensor ids are unique only per device
 * once they are names given in config. The same string as {@code SensorRef.of(reading).key()}, the
 * sensor-config topic's key (SensorKeyTest), built without re-checking the reading's ids on every
 * reading.
 */
final class SensorKey {
  private SensorKey() {}

  /** The key of a reading's sensor. */
  static String of(Reading reading) {
    return reading.deviceId() + "/" + reading.sensorId();
  }
}
