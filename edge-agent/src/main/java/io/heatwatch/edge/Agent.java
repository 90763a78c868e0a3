package io.heatwatch.edge;

import io.heatwatch.edge.outbox.SeqStore;
import io.heatwatch.edge.publish.MqttPublisher;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.model.DeviceStatus.DeviceState;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads every sensor on each tick, numbers the readings and publishes them. */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final AgentIdentity identity;
  private final List<Sensor> sensors;
  private final SeqStore seq;
  private final MqttPublisher publisher;
  private final Clock clock;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public Agent(
      AgentIdentity identity,
      List<Sensor> sensors,
      SeqStore seq,
      MqttPublisher publisher,
      Clock clock) {
    this.identity = identity;
    this.sensors = List.copyOf(sensors);
    this.seq = seq;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** Connects to the broker, publishing the birth message and registering the Last Will. */
  public void connect() throws MqttException {
    Instant now = clock.instant();
    publisher.connect(
        identity.status(DeviceState.ONLINE, now), identity.status(DeviceState.OFFLINE, now));
    LOG.info(
        "device {} online (site {}, boot {}, {} sensors, next seq {})",
        identity.deviceId(),
        identity.site(),
        identity.bootId(),
        sensors.size(),
        seq.last() + 1);
  }

  /** Reads every sensor once and publishes the readings. */
  public void tick() {
    Instant now = clock.instant();
    for (Sensor sensor : sensors) {
      Sample sample = sensor.read(now);
      Reading reading =
          new Reading(
              Versions.V1,
              identity.site(),
              identity.deviceId(),
              sample.sensorId(),
              seq.next(),
              now,
              sample.tempC(),
              sample.quality(),
              identity.bootId());
      try {
        publisher.publish(reading);
        published.incrementAndGet();
      } catch (MqttException | RuntimeException e) {
        failed.incrementAndGet();
        LOG.warn(
            "device {} sensor {} seq {}: publish failed: {}",
            identity.deviceId(),
            reading.sensorId(),
            reading.seq(),
            e.toString());
      }
    }
  }

  /** Readings the broker acknowledged. */
  public long published() {
    return published.get();
  }

  /** Readings whose publish failed. */
  public long failed() {
    return failed.get();
  }

  /** This agent's identity. */
  public AgentIdentity identity() {
    return identity;
  }

  /** Publishes the retained {@code offline} status and disconnects cleanly. */
  @Override
  public void close() {
    try {
      publisher.close(identity.status(DeviceState.OFFLINE, clock.instant()));
    } finally {
      seq.close();
    }
  }
}
