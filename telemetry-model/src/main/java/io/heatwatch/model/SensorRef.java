package io.heatwatch.model;

/**
 * The one identity of a sensor: sensor ids are unique per device only, so a sensor is named by its
 * device and its id together, everywhere (job state, the sensor-config topic's key, console
 * routes).
 *
 * @param deviceId the sensor's device
 * @param sensorId the sensor's id on that device
 */
public record SensorRef(String deviceId, String sensorId) {
  private static final char SEPARATOR = '/';

  public SensorRef {
    Check.segment("deviceId", deviceId);
    Check.sensorId("sensorId", sensorId);
  }

  /** The sensor a reading is from. */
  public static SensorRef of(Reading reading) {
    return new SensorRef(reading.deviceId(), reading.sensorId());
  }

  /** The sensor a {@link #key()} names. */
  public static SensorRef parseKey(String key) {
    int at = key == null ? -1 : key.indexOf(SEPARATOR);
    if (at < 0) {
      throw new InvalidPayloadException("sensorRef", key, "expected deviceId/sensorId");
    }
    return new SensorRef(key.substring(0, at), key.substring(at + 1));
  }

  /** {@code deviceId/sensorId}: neither part can hold a {@code /}, so the key is unambiguous. */
  public String key() {
    return deviceId + SEPARATOR + sensorId;
  }

  @Override
  public String toString() {
    return key();
  }
}
