package io.heatwatch.model;

/**
 * How far a reading's value can be trusted; faulty readings are still sent so the cloud sees sensor
 * health.
 */
public enum Quality {
  /** A CRC-checked value inside the sensor's range. */
  OK,
  /** The scratchpad CRC failed after the retries. */
  CRC_ERROR,
  /** The 85.000 °C value a DS18B20 reports before its first conversion. */
  POWER_ON_RESET,
  /** The sensor did not answer (all {@code ff}, or its sysfs entry is gone). */
  DISCONNECTED,
  /** A value outside the DS18B20's −55..125 °C range. */
  OUT_OF_RANGE,
  /** The value was not refreshed within the expected conversion time. */
  STALE;

  /** Whether readings of this quality carry a temperature that detectors may use. */
  public boolean usable() {
    return this == OK;
  }
}
