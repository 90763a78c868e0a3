package io.heatwatch.edge;

import io.heatwatch.edge.gpio.NoActuators;
import io.heatwatch.edge.outbox.OutboxLimits;
import io.heatwatch.edge.outbox.SqliteOutbox;
import io.heatwatch.edge.publish.MqttSession;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.JsonlLabels;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.edge.sensor.SensorSource;
import io.heatwatch.edge.sensor.SimulatedSensor;
import io.heatwatch.edge.sensor.SpikePlan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Many simulated devices in one process, each a full {@link Agent} with its own MQTT session. */
public final class SimulatedFleet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedFleet.class);
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(30);

  /** Ground truth of every injected spike, one JSON object per line, in the fleet's data dir. */
  public static final String LABELS_FILE = "labels.jsonl";

  private final List<Agent> agents;
  private final ScheduledExecutorService scheduler;

  private final JsonlLabels labels;

  private SimulatedFleet(
      List<Agent> agents, ScheduledExecutorService scheduler, JsonlLabels labels) {
    this.agents = agents;
    this.scheduler = scheduler;
    this.labels = labels;
  }

  /**
   * Creates and connects the fleet's agents: devices {@code sim-01..}, sensors {@code sim-01-t1..}.
   */
  public static SimulatedFleet connect(
      FleetSpec spec, MqttSettings mqtt, Path dataDir, Clock clock) {
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "simulated-fleet");
              t.setDaemon(true);
              return t;
            });
    List<Agent> agents = new ArrayList<>();
    JsonlLabels labels = new JsonlLabels(dataDir.resolve(LABELS_FILE));
    for (int d = 1; d <= spec.devices(); d++) {
      String deviceId = String.format("%s-%02d", spec.devicePrefix(), d);
      List<Sensor> sensors = new ArrayList<>();
      for (int s = 1; s <= spec.sensorsPerDevice(); s++) {
        String sensorId = deviceId + "-t" + s;
        SpikePlan plan = s == 1 ? spec.spikes() : SpikePlan.NONE;
        sensors.add(
            new SimulatedSensor(
                sensorId,
                20.0 + d + s * 0.5,
                spec.seed() * 1000 + d * 10 + s,
                plan,
                List.of(),
                labels));
      }
      AgentIdentity identity = AgentIdentity.of(spec.site(), deviceId);
      Agent agent =
          Agent.builder()
              .identity(identity)
              .sensors(SensorSource.fixed(sensors))
              .outbox(
                  SqliteOutbox.open(
                      dataDir.resolve(deviceId).resolve("outbox.db"),
                      identity,
                      OutboxLimits.DEFAULT,
                      clock))
              .uplink(new MqttSession(mqtt, spec.site(), deviceId, scheduler), mqtt.batching())
              .clock(clock)
              .scheduler(scheduler)
              .localAlarms(new LocalAlarms(new NoActuators("simulated device"), 0, clock))
              .build();
      agent.connect();
      agents.add(agent);
    }
    return new SimulatedFleet(agents, scheduler, labels);
  }

  /** Starts every agent's sensor ticks and heartbeats. */
  public void start(Duration period) {
    for (Agent agent : agents) {
      agent.schedule(period, HEARTBEAT_EVERY);
    }
  }

  /** Ticks every agent once, now; tests drive the fleet with this instead of a schedule. */
  public void tickAll() {
    for (Agent agent : agents) {
      try {
        agent.tick();
      } catch (RuntimeException e) {
        LOG.error("device {}: tick failed", agent.identity().deviceId(), e);
      }
    }
  }

  /** Readings acknowledged by the broker, over all devices. */
  public long published() {
    return agents.stream().mapToLong(Agent::published).sum();
  }

  /** Readings stored and not yet acknowledged, over all devices. */
  public long waiting() {
    return agents.stream().mapToLong(Agent::waiting).sum();
  }

  /** The fleet's agents. */
  public List<Agent> agents() {
    return agents;
  }

  @Override
  public void close() {
    for (Agent agent : agents) {
      try {
        agent.close();
      } catch (RuntimeException e) {
        LOG.warn("device {}: close failed: {}", agent.identity().deviceId(), e.toString());
      }
    }
    scheduler.shutdownNow();
    labels.close();
  }

  /**
   * The shape of a simulated fleet.
   *
   * @param site site of every device
   * @param devicePrefix device ids are {@code prefix-01}, {@code prefix-02}, …
   * @param devices number of devices
   * @param sensorsPerDevice sensors per device
   * @param seed random seed, so a fleet's signals are reproducible
   * @param spikes the spike plan of each device's first sensor
   */
  public record FleetSpec(
      String site,
      String devicePrefix,
      int devices,
      int sensorsPerDevice,
      long seed,
      SpikePlan spikes) {
    public FleetSpec {
      if (devices < 1 || devices > 10_000) {
        throw new IllegalArgumentException("devices must be within 1..10000, got " + devices);
      }
      if (sensorsPerDevice < 1 || sensorsPerDevice > 64) {
        throw new IllegalArgumentException(
            "sensors per device must be within 1..64, got " + sensorsPerDevice);
      }
    }
  }
}
