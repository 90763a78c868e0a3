package io.heatwatch.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.edge.SimulatedFleet;
import io.heatwatch.edge.SimulatedFleet.FleetSpec;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.SpikePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Simulated devices of one case, in this process, reading every {@code period} of real time while
 * the case runs; afterwards the ground truth: how many readings each device numbered, and every
 * injected spike.
 */
final class Traffic implements AutoCloseable {
  /** Sensors per simulated device. */
  static final int SENSORS = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimulatedFleet fleet;
  private final Path dir;
  private final List<String> devices;
  private final ScheduledExecutorService ticker;
  private boolean closed;

  private Traffic(SimulatedFleet fleet, Path dir, List<String> devices) {
    this.fleet = fleet;
    this.dir = dir;
    this.devices = devices;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "traffic-" + dir.getFileName());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Connects {@code devices} devices {@code prefix-01..} of {@code site} to {@code mqttUri} and
   * starts their reads; sensor {@code t1} of each spikes by +25 °C at read 12 and every 20 reads.
   */
  static Traffic start(
      String site,
      String prefix,
      int devices,
      String mqttUri,
      Path dir,
      Clock clock,
      Duration period) {
    SpikePlan spikes = new SpikePlan(12, 20, 25.0);
    FleetSpec spec = new FleetSpec(site, prefix, devices, SENSORS, prefix.hashCode(), spikes);
    SimulatedFleet fleet = SimulatedFleet.connect(spec, MqttSettings.plain(mqttUri), dir, clock);
    List<String> ids = new ArrayList<>();
    for (int d = 1; d <= devices; d++) {
      ids.add(String.format("%s-%02d", prefix, d));
    }
    Traffic traffic = new Traffic(fleet, dir, ids);
    traffic.ticker.scheduleAtFixedRate(fleet::tickAll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return traffic;
  }

  List<String> devices() {
    return devices;
  }

  /** Stops reading, waits until every reading is acknowledged by the broker, disconnects. */
  void finish(Duration timeout) {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> fleet.waiting() == 0);
    close();
  }

  /** The seqs each device numbered. */
  Map<String, Numbered> produced() {
    Map<String, Numbered> numbered = new LinkedHashMap<>();
    for (String device : devices) {
      numbered.put(device, Numbered.of(dir.resolve(device).resolve("outbox.db")));
    }
    return numbered;
  }

  /** The simulator's ground truth: every injected spike, sensor and event time. */
  List<Spike> spikes() {
    Path file = dir.resolve(SimulatedFleet.LABELS_FILE);
    List<Spike> spikes = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        JsonNode label = JSON.readTree(line);
        if (label.path("kind").asText().equals("SPIKE")) {
          spikes.add(
              new Spike(
                  label.path("sensorId").asText(), Instant.parse(label.path("start").asText())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return spikes;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      ticker.shutdownNow();
      fleet.close();
    }
  }

  /** One injected spike: its sensor and the event time of the spiking reading. */
  record Spike(String sensorId, Instant at) {
    String deviceId() {
      return sensorId.substring(0, sensorId.lastIndexOf("-t"));
    }
  }
}
