package io.heatwatch.edge;

import io.heatwatch.edge.clock.ClockSync;
import io.heatwatch.edge.outbox.Outbox;
import io.heatwatch.edge.publish.Batching;
import io.heatwatch.edge.publish.Uplink;
import io.heatwatch.edge.sensor.SensorSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/** Collects what an {@link Agent} is made of; {@link #build()} checks that nothing is missing. */
public final class AgentBuilder {
  AgentIdentity identity;
  SensorSource sensors;
  Outbox outbox;
  Uplink uplink;
  Batching batching = Batching.DEFAULT;
  Clock clock;
  ClockSync clockSync = ClockSync.ASSUMED;
  ScheduledExecutorService scheduler;
  Path cpuTemperature;
  LocalAlarms localAlarms;

  AgentBuilder() {}

  /** Who the agent is: site, device, boot. */
  public AgentBuilder identity(AgentIdentity identity) {
    this.identity = identity;
    return this;
  }

  /** The sensors read on each tick. */
  public AgentBuilder sensors(SensorSource sensors) {
    this.sensors = sensors;
    return this;
  }

  /** Where readings wait until the broker has them; the agent closes it. */
  public AgentBuilder outbox(Outbox outbox) {
    this.outbox = outbox;
    return this;
  }

  /** The link to the broker, and how the sender fills it ({@link Batching#DEFAULT} if not set). */
  public AgentBuilder uplink(Uplink uplink, Batching batching) {
    this.uplink = uplink;
    this.batching = batching;
    return this;
  }

  /** The clock readings are stamped with. */
  public AgentBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * Whether {@link #clock} is synchronised yet; readings taken before are marked. Assumed
   * synchronised if not set.
   */
  public AgentBuilder clockSync(ClockSync clockSync) {
    this.clockSync = clockSync;
    return this;
  }

  /** Runs the ticks, heartbeats and reconnects. */
  public AgentBuilder scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  /** The SoC's thermal zone file for heartbeats, {@code null} (the default) for none. */
  public AgentBuilder cpuTemperature(Path cpuTemperature) {
    this.cpuTemperature = cpuTemperature;
    return this;
  }

  /** The alarm LED, buzzer and sensor power. */
  public AgentBuilder localAlarms(LocalAlarms localAlarms) {
    this.localAlarms = localAlarms;
    return this;
  }

  /** The agent; throws {@link NullPointerException} naming the first part not given. */
  public Agent build() {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(sensors, "sensors");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(uplink, "uplink");
    Objects.requireNonNull(batching, "batching");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(clockSync, "clockSync");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(localAlarms, "localAlarms");
    return new Agent(this);
  }
}
