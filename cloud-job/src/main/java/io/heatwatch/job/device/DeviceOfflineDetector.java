package io.heatwatch.job.device;

import io.heatwatch.job.detect.AlarmLifecycle;
import io.heatwatch.job.detect.AlarmLifecycle.Subject;
import io.heatwatch.job.detect.AlarmTracks;
import io.heatwatch.job.detect.DeviceTrack;
import io.heatwatch.job.detect.SensorState;
import io.heatwatch.job.detect.Signal;
import io.heatwatch.job.model.DeviceEvent;
import io.heatwatch.job.sensor.SensorFunction;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.DeviceStatus.DeviceState;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVICE_OFFLINE and SENSOR_SILENT, keyed by device. DEVICE_OFFLINE opens when a device sent
 * neither a reading nor an ONLINE status (birth or heartbeat) for {@code timeout} of processing
 * time, or at once on an OFFLINE status (its Last Will or a clean shutdown); clears on its next
 * reading or ONLINE status. SENSOR_SILENT ({@link SensorSilence}) opens for a sensor that gave a
 * good reading and then none while its device lives, and clears at its next good reading; a sensor
 * not seen for {@code retireAfter}, or retired by an operator in its config, has its SENSOR_SILENT
 * cleared and is forgotten. Also keeps the {@code heatwatch-devices} view ({@link #DEVICES}),
 * refreshed on every status message and state change and at most every {@value #VIEW_INTERVAL_MS}
 * ms on readings.
 *
 * <p>Its readings are the per-sensor operator's {@link SensorFunction#SIGNS_OF_LIFE}, at most one
 * per sensor and second: liveness, not every reading.
 *
 * <p>One timer per device at a time for its earliest deadline: a reading only moves {@code
 * lastSeen}, and the timer, when it fires early, sets itself again for the next deadline.
 */
public final class DeviceOfflineDetector
    extends KeyedCoProcessFunction<String, Reading, DeviceEvent, Alarm> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DeviceOfflineDetector.class);

  /** The devices index view. */
  public static final OutputTag<DeviceView> DEVICES = new OutputTag<>("device-views") {};

  /** How often readings alone refresh a device's view. */
  static final long VIEW_INTERVAL_MS = 60_000;

  private static final String TIMED_OUT = "%s sent nothing for %.0f s, limit %.0f s";
  private static final String LAST_WILL = "%s went offline (status OFFLINE)";
  private static final String BACK = "%s is back online";

  private final long timeoutMs;
  private final SensorSilence silence;
  private transient ValueState<DeviceTrack> state;
  private transient Counter retired;

  /**
   * A detector that calls a device offline after {@code timeout} without a sign of life, a sensor
   * silent after max(3 × its cadence, {@code silentMin}) (or its config's bound), and retires a
   * sensor not seen for {@code retireAfter}.
   */
  public DeviceOfflineDetector(Duration timeout, Duration silentMin, Duration retireAfter) {
    this.timeoutMs = timeout.toMillis();
    this.silence = new SensorSilence(silentMin, retireAfter);
  }

  @Override
  public void open(OpenContext openContext) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("device-track", TypeInformation.of(DeviceTrack.class)));
    retired = getRuntimeContext().getMetricGroup().counter("sensorsRetired");
  }

  @Override
  public void processElement1(Reading reading, Context ctx, Collector<Alarm> out) throws Exception {
    DeviceTrack track = track(reading.site());
    long now = ctx.timerService().currentProcessingTime();
    boolean changed = seen(track, now, ctx, out);
    // A sensor reported missing (DISCONNECTED, on every tick) keeps its device alive but is
    // silent: only a good reading counts as the sensor reporting.
    if (reading.quality().usable()) {
      silence.seen(
          track,
          new Subject(track.site, ctx.getCurrentKey(), reading.sensorId()),
          now,
          out::collect);
    }
    check(track, ctx, now, out);
    if (changed
        || track.lastViewAt == SensorState.NONE
        || now - track.lastViewAt >= VIEW_INTERVAL_MS) {
      view(track, ctx, now);
    }
    state.update(track);
  }

  @Override
  public void processElement2(DeviceEvent event, Context ctx, Collector<Alarm> out)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    if (event.command() != null) {
      command(event, out);
      return;
    }
    if (event.config() != null) {
      configure(event, ctx, now, out);
      return;
    }
    DeviceStatus status = event.status();
    DeviceTrack track = track(status.site());
    track.status = status;
    if (status.state() == DeviceState.ONLINE) {
      seen(track, now, ctx, out);
      check(track, ctx, now, out);
    } else {
      track.online = false;
      change(track, ctx, now, Signal.active(Severity.WARNING, 0, 0, LAST_WILL), out);
    }
    view(track, ctx, now);
    state.update(track);
  }

  private void command(DeviceEvent event, Collector<Alarm> out) throws Exception {
    DeviceTrack track = state.value();
    Alarm changed = null;
    if (track != null) {
      track.fitKinds();
      changed = AlarmLifecycle.command(AlarmTracks.of(track), event.command());
      if (changed == null) {
        changed = silence.command(track, event.command());
      }
    }
    if (changed == null) {
      LOG.warn("alarm command {} ignored: no such open alarm", event.command().alarmId());
      return;
    }
    log(changed);
    out.collect(changed);
    state.update(track);
  }

  private void configure(DeviceEvent event, Context ctx, long now, Collector<Alarm> out)
      throws Exception {
    SensorConfig config = event.config().config();
    if (config == null) {
      // a tombstone: the sensor's bound is learned again
      DeviceTrack track = state.value();
      if (track != null) {
        silence.unconfigure(track, event.configSensorId());
        state.update(track);
      }
      return;
    }
    // Configs are read from the start of their topic, before most devices have reported: one
    // for a device not seen yet is kept for when its sensor reports.
    DeviceTrack track = track(config.site());
    Subject sensor = new Subject(track.site, ctx.getCurrentKey(), config.sensorId());
    if (silence.configure(track, sensor, config, now, alarm -> log(alarm, out))) {
      retired.inc();
      LOG.info("sensor {}/{} retired by its config", sensor.deviceId(), sensor.sensorId());
    }
    schedule(track, ctx, now);
    state.update(track);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alarm> out) throws Exception {
    DeviceTrack track = state.value();
    if (track == null) {
      return;
    }
    track.timerAt = SensorState.NONE;
    long silentMs = timestamp - track.lastSeen;
    if (track.online && silentMs >= timeoutMs) {
      track.online = false;
      Signal offline =
          Signal.active(Severity.WARNING, silentMs / 1000.0, timeoutMs / 1000.0, TIMED_OUT);
      change(track, ctx, timestamp, offline, out);
      view(track, ctx, timestamp);
    }
    check(track, ctx, timestamp, out);
    state.update(track);
  }

  private DeviceTrack track(String site) throws Exception {
    DeviceTrack track = state.value();
    if (track == null) {
      track = new DeviceTrack();
    }
    track.fitKinds();
    track.site = site;
    return track;
  }

  /** Records a sign of life; returns whether the device came (back) online. */
  private boolean seen(DeviceTrack track, long now, Context ctx, Collector<Alarm> out) {
    track.lastSeen = now;
    if (track.online) {
      return false;
    }
    track.online = true;
    track.onlineSince = now;
    change(track, ctx, now, Signal.inactive(0, timeoutMs / 1000.0, BACK), out);
    return true;
  }

  /** Runs the sensors' silence and retirement checks and sets the timer for the next deadline. */
  private void check(DeviceTrack track, Context ctx, long now, Collector<Alarm> out) {
    int gone = silence.check(track, ctx.getCurrentKey(), now, alarm -> log(alarm, out));
    if (gone > 0) {
      retired.inc(gone);
      LOG.info(
          "{} sensor(s) of {} retired: not seen for the retirement period",
          gone,
          ctx.getCurrentKey());
    }
    schedule(track, ctx, now);
  }

  /** Sets a timer for the earliest deadline unless one is set for it or earlier. */
  private void schedule(DeviceTrack track, Context ctx, long now) {
    long next = track.online ? track.lastSeen + timeoutMs : Long.MAX_VALUE;
    long sensors = silence.nextDue(track, now);
    if (sensors != SensorState.NONE) {
      next = Math.min(next, sensors);
    }
    if (next == Long.MAX_VALUE) {
      return;
    }
    next = Math.max(next, now + 1);
    if (track.timerAt == SensorState.NONE || track.timerAt <= now || next < track.timerAt) {
      track.timerAt = next;
      ctx.timerService().registerProcessingTimeTimer(next);
    }
  }

  private static void log(Alarm alarm, Collector<Alarm> out) {
    log(alarm);
    out.collect(alarm);
  }

  private static void log(Alarm alarm) {
    LOG.info(
        "alarm {} {} v{}: {}", alarm.alarmId(), alarm.state(), alarm.version(), alarm.message());
  }

  private void change(
      DeviceTrack track, Context ctx, long now, Signal signal, Collector<Alarm> out) {
    Alarm alarm =
        AlarmLifecycle.apply(
            AlarmTracks.of(track),
            AlarmKind.DEVICE_OFFLINE,
            signal,
            new Subject(track.site, ctx.getCurrentKey(), null),
            Instant.ofEpochMilli(now),
            0);
    if (alarm != null) {
      log(alarm, out);
    }
  }

  private static void view(DeviceTrack track, Context ctx, long now) {
    track.lastViewAt = now;
    ctx.output(
        DEVICES,
        new DeviceView(
            track.site,
            ctx.getCurrentKey(),
            track.online,
            Instant.ofEpochMilli(track.lastSeen),
            track.status,
            Instant.ofEpochMilli(now)));
  }
}
