package io.heatwatch.edge;

import io.heatwatch.edge.clock.ClockSync;
import io.heatwatch.edge.log.ThrottledLog;
import io.heatwatch.edge.outbox.Outbox;
import io.heatwatch.edge.outbox.Outbox.Draft;
import io.heatwatch.edge.outbox.OutboxException;
import io.heatwatch.edge.publish.OutboxSender;
import io.heatwatch.edge.publish.Uplink;
import io.heatwatch.edge.publish.UplinkException;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.edge.sensor.SensorSource;
import io.heatwatch.model.DeviceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every sensor on each tick and stores the readings durably in the outbox; a sender thread
 * publishes them and removes each on its PUBACK; a heartbeat reports the outbox at the interval
 * given to {@link #schedule}. Made with {@link #builder()}.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  /**
   * Readings held in memory while the outbox cannot store (e.g. a disk error); beyond this the
   * oldest are dropped and counted in the heartbeat's {@code dropped}.
   */
  static final int MAX_UNSTORED = 10_000;

  private final AgentIdentity identity;
  private final SensorSource sensors;
  private final Outbox outbox;
  private final Uplink uplink;
  private final OutboxSender sender;
  private final Heartbeat heartbeat;
  private final Clock clock;
  private final ClockSync clockSync;
  private final ScheduledExecutorService scheduler;
  private final LocalAlarms localAlarms;
  private final Deque<Draft> unstored = new ArrayDeque<>();
  private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
  private Thread senderThread;
  private final ThrottledLog notStored;
  private final ThrottledLog droppedInMemory;
  private volatile SensorCounts counts;

  /** An agent to be made of the parts the builder collects. */
  public static AgentBuilder builder() {
    return new AgentBuilder();
  }

  Agent(AgentBuilder parts) {
    this.identity = parts.identity;
    this.sensors = parts.sensors;
    this.outbox = parts.outbox;
    this.uplink = parts.uplink;
    this.sender = new OutboxSender(outbox, uplink, parts.batching);
    this.notStored =
        new ThrottledLog(LOG, "device " + identity.deviceId() + ": the outbox cannot store");
    this.droppedInMemory =
        new ThrottledLog(LOG, "device " + identity.deviceId() + ": dropped a reading");
    this.counts = new SensorCounts(sensors.configured(), null, null);
    this.heartbeat =
        new Heartbeat(
            identity,
            outbox,
            parts.clock,
            parts.cpuTemperature,
            sender::refused,
            droppedInMemory::total,
            () -> counts);
    this.clock = parts.clock;
    this.clockSync = parts.clockSync;
    this.scheduler = parts.scheduler;
    this.localAlarms = parts.localAlarms;
  }

  /** Connects (in the background, retrying) and starts sending what the outbox holds. */
  public void connect() {
    uplink.start(heartbeat::online, heartbeat.offline(), sender::wake, localAlarms::downlink);
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
    boolean unsynced = !clockSync.synchronised();
    List<Sample> samples = new ArrayList<>();
    for (Sensor sensor : sensors.get()) {
      Sample sample = sensor.read(now);
      samples.add(sample);
      unstored.addLast(
          new Draft(sample.sensorId(), now, sample.tempC(), sample.quality(), unsynced));
    }
    trimUnstored();
    counts = counts.after(samples, now, sensors.configured());
    localAlarms.samples(samples);
    store();
  }

  /** Held in memory while the disk refuses writes, up to {@link #MAX_UNSTORED}: then dropped. */
  private void trimUnstored() {
    int excess = unstored.size() - MAX_UNSTORED;
    for (int i = 0; i < excess; i++) {
      unstored.removeFirst();
    }
    if (excess > 0) {
      droppedInMemory.add(excess, "the oldest readings the outbox could not store");
    }
  }

  private void store() {
    try {
      outbox.append(List.copyOf(unstored));
      unstored.clear();
    } catch (OutboxException e) {
      notStored.add(1, unstored.size() + " readings kept in memory: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      // One draft the contract refuses (or that cannot be encoded) must not hold back the rest.
      storeOneByOne();
    }
    sender.wake();
  }

  private void storeOneByOne() {
    while (!unstored.isEmpty()) {
      Draft draft = unstored.peekFirst();
      try {
        outbox.append(List.of(draft));
      } catch (OutboxException e) {
        notStored.add(1, unstored.size() + " readings kept in memory: " + e.getMessage());
        return;
      } catch (RuntimeException e) {
        droppedInMemory.add(1, "sensor " + draft.sensorId() + " at " + draft.ts() + ": " + e);
      }
      unstored.removeFirst();
    }
  }

  private void sendHeartbeat() {
    try {
      if (uplink.isReady()) {
        uplink.publishStatus(heartbeat.online());
      }
    } catch (UplinkException | RuntimeException e) {
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
    uplink.close(heartbeat.offline());
    outbox.close();
  }
}
