package io.heatwatch.edge.sensor.w1;

import io.heatwatch.edge.sensor.Sensor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS18B20s on the bus right now: rediscovered on every tick, so a sensor plugged in while the
 * agent runs is read from the next tick on and one that vanished is reported as disconnected once
 * and then dropped.
 */
public final class W1Sensors implements Supplier<List<Sensor>> {
  private static final Logger LOG = LoggerFactory.getLogger(W1Sensors.class);

  private final W1Bus bus;
  private final Map<String, Double> calibration;
  private final Map<String, Integer> resolution;
  private final int crcRetries;
  private final Map<String, Ds18b20Sensor> known = new ConcurrentHashMap<>();

  /**
   * @param calibration °C added per sensor id
   * @param resolution bits (9–12) to set per sensor id where the kernel lets us
   */
  public W1Sensors(
      W1Bus bus, Map<String, Double> calibration, Map<String, Integer> resolution, int crcRetries) {
    this.bus = bus;
    this.calibration = Map.copyOf(calibration);
    this.resolution = Map.copyOf(resolution);
    this.crcRetries = crcRetries;
  }

  @Override
  public List<Sensor> get() {
    List<String> present = bus.discover();
    for (String id : present) {
      known.computeIfAbsent(
          id,
          newId -> {
            LOG.info("sensor {} found on the bus", newId);
            Integer bits = resolution.get(newId);
            if (bits != null) {
              bus.setResolution(newId, bits);
            }
            return new Ds18b20Sensor(
                bus.devicesDir(),
                newId,
                calibration.getOrDefault(newId, 0.0),
                crcRetries,
                Duration.ofMillis(100),
                duration -> Thread.sleep(duration.toMillis()));
          });
    }
    // A sensor that left is read once more (DISCONNECTED), then forgotten until it comes back.
    List<Sensor> current = List.copyOf(known.values());
    known.keySet().retainAll(present);
    bus.triggerBulkConversion();
    return current;
  }
}
