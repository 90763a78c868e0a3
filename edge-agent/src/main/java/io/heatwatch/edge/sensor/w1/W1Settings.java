package io.heatwatch.edge.sensor.w1;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the agent reads its 1-Wire bus.
 *
 * @param configured ROM ids the configuration names: reported DISCONNECTED on every tick while they
 *     are missing from the bus
 * @param calibration °C added per sensor id
 * @param resolution bits (9–12) to set per sensor id where the kernel lets us
 * @param crcRetries extra reads after a CRC error before reporting it
 * @param readTimeout longest a tick waits for one sensor's read before reporting it DISCONNECTED
 */
public record W1Settings(
    Set<String> configured,
    Map<String, Double> calibration,
    Map<String, Integer> resolution,
    int crcRetries,
    Duration readTimeout) {
  public W1Settings {
    configured = Set.copyOf(configured);
    calibration = Map.copyOf(calibration);
    resolution = Map.copyOf(resolution);
    if (crcRetries < 0) {
      throw new IllegalArgumentException("crcRetries: must be >= 0 (got " + crcRetries + ")");
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("readTimeout: must be positive (got " + readTimeout + ")");
    }
  }
}
