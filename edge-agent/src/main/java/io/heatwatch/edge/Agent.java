package io.heatwatch.edge;

import io.heatwatch.edge.outbox.Outbox;
import io.heatwatch.edge.outbox.Outbox.Draft;
import io.heatwatch.edge.outbox.OutboxException;
import io.heatwatch.edge.publish.MqttPublisher;
import io.heatwatch.edge.publish.OutboxSender;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.model.DeviceStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every sensor on each tick and stores the readings durably in the outbox; a sender thread
 * publishes them and removes each on its PUBACK; a heartbeat reports the outbox every 30 s.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  /** Readings held in memory while the outbox cannot store (e.g. a disk error), then dropped. */
  static final int MAX_UNSTORED = 10_000;

  private final AgentIdentity identity;
  private final Supplier<List<Sensor>> sensors;
  private final Outbox outbox;
  private final MqttPublisher mqtt;
  private final OutboxSender sender;
  private final Heartbeat heartbeat;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final LocalAlarms localAlarms;
  private final List<Draft> unstored = new ArrayList<>();
  private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
  private Thread senderThread;
  private long lostUnstored;

  public Agent(
      AgentIdentity identity,
      Supplier<List<Sensor>> sensors,
      Outbox outbox,
      MqttPublisher mqtt,
      Clock clock,
      ScheduledExecutorService scheduler,
      Path cpuTemperature,
      LocalAlarms localAlarms) {
    this.identity = identity;
    this.sensors = sensors;
    this.outbox = outbox;
    this.mqtt = mqtt;
    this.sender = new OutboxSender(outbox, mqtt);
    this.heartbeat = new Heartbeat(identity, outbox, clock, cpuTemperature, sender::refused);
    this.clock = clock;
    this.scheduler = scheduler;
    this.localAlarms = localAlarms;
  }

  /** Connects (in the background, retrying) and starts sending what the outbox holds. */
  public void connect() {
    mqtt.onConnected(sender::wake);
    mqtt.onDownlink(localAlarms::downlink);
    mqtt.start(heartbeat::online, heartbeat.offline());
    senderThread = new Thread(sender, "outbox-sender-" + identity.deviceId());
    senderThread.setDaemon(true);
    senderThread.start();
    LOG.info(
        "device {} started (site {}, boot {}, outbox {} waiting, last seq {})",
        identity.deviceId(),
        identity.site(),
        identity.bootId(),
        outbox.depth(),
        outbox.lastSeq());
  }

  /** Reads the sensors every {@code period} and sends a heartbeat every {@code heartbeatEvery}. */
  public void schedule(Duration period, Duration heartbeatEvery) {
    schedules.add(
        scheduler.scheduleAtFixedRate(
            this::tickSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS));
    schedules.add(
        scheduler.scheduleAtFixedRate(
            this::sendHeartbeat,
            heartbeatEvery.toMillis(),
            heartbeatEvery.toMillis(),
            TimeUnit.MILLISECONDS));
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.error("device {}: tick failed", identity.deviceId(), e);
    }
  }

  /** Reads every sensor once and stores the readings; they are published in the background. */
  public synchronized void tick() {
    Instant now = clock.instant();
    List<Sample> samples = new ArrayList<>();
    for (Sensor sensor : sensors.get()) {
      Sample sample = sensor.read(now);
      samples.add(sample);
      unstored.add(new Draft(sample.sensorId(), now, sample.tempC(), sample.quality()));
    }
    localAlarms.samples(samples);
    try {
      outbox.append(unstored);
      unstored.clear();
      sender.wake();
    } catch (OutboxException e) {
      LOG.error(
          "device {}: {} readings not stored yet, kept in memory: {}",
          identity.deviceId(),
          unstored.size(),
          e.getMessage());
      if (unstored.size() > MAX_UNSTORED) {
        int excess = unstored.size() - MAX_UNSTORED;
        unstored.subList(0, excess).clear();
        lostUnstored += excess;
        LOG.error(
            "device {}: dropped the {} oldest unstored readings ({} in all)",
            identity.deviceId(),
            excess,
            lostUnstored);
      }
    }
  }

  private void sendHeartbeat() {
    try {
      if (mqtt.isReady()) {
        mqtt.publishStatus(heartbeat.online());
      }
    } catch (MqttException | RuntimeException e) {
      LOG.warn("device {}: heartbeat not sent: {}", identity.deviceId(), e.toString());
    }
  }

  /** Readings the broker acknowledged since this agent started. */
  public long published() {
    return sender.delivered();
  }

  /** Readings the broker refused (PUBACK reason code 0x80 or more) since this agent started. */
  public long refused() {
    return sender.refused();
  }

  /** The status a heartbeat would send now. */
  DeviceStatus status() {
    return heartbeat.online();
  }

  /** Readings waiting in the outbox. */
  public long waiting() {
    return outbox.depth();
  }

  /** Readings held in memory because the outbox could not store them. */
  public synchronized int unstored() {
    return unstored.size();
  }

  /** Whether the alarm LED and buzzer are on. */
  public boolean alarmActive() {
    return localAlarms.active();
  }

  /** This agent's identity. */
  public AgentIdentity identity() {
    return identity;
  }

  /** Stops reading, publishes the retained OFFLINE status, disconnects and closes the outbox. */
  @Override
  public void close() {
    schedules.forEach(s -> s.cancel(false));
    sender.close();
    if (senderThread != null) {
      try {
        senderThread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    mqtt.close(heartbeat.offline());
    outbox.close();
  }
}
