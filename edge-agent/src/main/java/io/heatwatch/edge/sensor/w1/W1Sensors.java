package io.heatwatch.edge.sensor.w1;

import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.edge.sensor.SensorSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS18B20s to read on a tick: those on the bus right now, rediscovered on every tick, and every
 * sensor the configuration names. A configured sensor missing from the bus is read (and so reported
 * DISCONNECTED) on every tick until it is back; a sensor found on the bus but not configured that
 * vanished is reported DISCONNECTED once and then dropped. Each read runs with the configured
 * timeout ({@link TimedReads}).
 */
public final class W1Sensors implements SensorSource {
  private static final Logger LOG = LoggerFactory.getLogger(W1Sensors.class);

  private final W1Bus bus;
  private final W1Settings settings;
  private final TimedReads reads;
  private final Map<String, Sensor> known = new ConcurrentHashMap<>();
  private Set<String> onBus;

  public W1Sensors(W1Bus bus, W1Settings settings) {
    this.bus = bus;
    this.settings = settings;
    this.reads = new TimedReads(settings.readTimeout());
  }

  @Override
  public int configured() {
    return settings.configured().size();
  }

  @Override
  public synchronized List<Sensor> get() {
    Set<String> present = Set.copyOf(bus.discover());
    for (String id : present) {
      if (onBus == null || !onBus.contains(id)) {
        LOG.info("sensor {} found on the bus", id);
        Integer bits = settings.resolution().get(id);
        if (bits != null) {
          bus.setResolution(id, bits);
        }
      }
    }
    for (String id : settings.configured()) {
      boolean was = onBus == null || onBus.contains(id);
      if (was && !present.contains(id)) {
        LOG.warn("sensor {} is configured but not on the bus: DISCONNECTED until it is back", id);
      }
    }
    Set<String> watched = new HashSet<>(present);
    watched.addAll(settings.configured());
    watched.forEach(id -> known.computeIfAbsent(id, this::sensor));
    // A found sensor that left is read once more (DISCONNECTED), then forgotten until it is back.
    List<Sensor> current =
        known.values().stream().sorted(Comparator.comparing(Sensor::id)).toList();
    known.keySet().retainAll(watched);
    onBus = present;
    bus.triggerBulkConversion();
    return current;
  }

  private Sensor sensor(String id) {
    Ds18b20Sensor ds18b20 =
        new Ds18b20Sensor(
            bus.devicesDir(),
            id,
            settings.calibration().getOrDefault(id, 0.0),
            settings.crcRetries(),
            Duration.ofMillis(100),
            duration -> Thread.sleep(duration.toMillis()));
    return new Timed(ds18b20, reads);
  }

  /** A sensor whose reads go through the timed readers. */
  private record Timed(Sensor sensor, TimedReads reads) implements Sensor {
    @Override
    public String id() {
      return sensor.id();
    }

    @Override
    public Sample read(Instant now) {
      return reads.read(sensor, now);
    }
  }
}
