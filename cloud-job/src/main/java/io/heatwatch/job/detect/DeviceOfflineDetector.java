package io.heatwatch.job.detect;

import io.heatwatch.job.detect.AlarmLifecycle.Subject;
import io.heatwatch.job.model.DeviceEvent;
import io.heatwatch.job.model.DeviceView;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.DeviceStatus.DeviceState;
import io.heatwatch.model.Reading;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVICE_OFFLINE, keyed by device: opens when a device sent neither a reading nor an ONLINE status
 * (birth or heartbeat) for {@code timeout} of processing time, or at once on an OFFLINE status (its
 * Last Will or a clean shutdown); clears on its next reading or ONLINE status. Also keeps the
 * {@code heatwatch-devices} view ({@link #DEVICES}), refreshed on every status message and state
 * change and at most every {@value #VIEW_INTERVAL_MS} ms on readings.
 *
 * <p>Its readings are the per-sensor operator's {@link SensorFunction#SIGNS_OF_LIFE}, at most one
 * per sensor and second: liveness, not every reading.
 *
 * <p>One timer per device at a time: a reading only moves {@code lastSeen}, and the timer, when it
 * fires early, sets itself again for {@code lastSeen + timeout}.
 */
public final class DeviceOfflineDetector
    extends KeyedCoProcessFunction<String, Reading, DeviceEvent, Alarm> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DeviceOfflineDetector.class);

  /** The devices index view. */
  public static final OutputTag<DeviceView> DEVICES = new OutputTag<>("device-views") {};

  /** How often readings alone refresh a device's view. */
  public static final long VIEW_INTERVAL_MS = 60_000;

  private static final String TIMED_OUT = "%s sent nothing for %.0f s, limit %.0f s";
  private static final String LAST_WILL = "%s went offline (status OFFLINE)";
  private static final String BACK = "%s is back online";

  private final long timeoutMs;
  private transient ValueState<DeviceTrack> state;

  /** A detector that calls a device offline after {@code timeout} without a sign of life. */
  public DeviceOfflineDetector(Duration timeout) {
    this.timeoutMs = timeout.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("device-track", TypeInformation.of(DeviceTrack.class)));
  }

  @Override
  public void processElement1(Reading reading, Context ctx, Collector<Alarm> out) throws Exception {
    DeviceTrack track = track(reading.site());
    long now = ctx.timerService().currentProcessingTime();
    boolean changed = seen(track, now, ctx, out);
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
      DeviceTrack track = state.value();
      Alarm acked = track == null ? null : AlarmLifecycle.acknowledge(track.open, event.command());
      if (acked == null) {
        LOG.warn("alarm command {} ignored: no such open alarm", event.command().alarmId());
        return;
      }
      out.collect(acked);
      state.update(track);
      return;
    }
    DeviceStatus status = event.status();
    DeviceTrack track = track(status.site());
    track.status = status;
    if (status.state() == DeviceState.ONLINE) {
      seen(track, now, ctx, out);
    } else {
      track.online = false;
      change(track, ctx, now, Signal.active(Severity.WARNING, 0, 0, LAST_WILL), out);
    }
    view(track, ctx, now);
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
    if (silentMs < timeoutMs) {
      setTimer(track, ctx, track.lastSeen + timeoutMs);
    } else if (track.online) {
      track.online = false;
      Signal offline =
          Signal.active(Severity.WARNING, silentMs / 1000.0, timeoutMs / 1000.0, TIMED_OUT);
      change(track, ctx, timestamp, offline, out);
      view(track, ctx, timestamp);
    }
    state.update(track);
  }

  private DeviceTrack track(String site) throws Exception {
    DeviceTrack track = state.value();
    if (track == null) {
      track = new DeviceTrack();
    }
    track.site = site;
    return track;
  }

  /** Records a sign of life; returns whether the device came (back) online. */
  private boolean seen(DeviceTrack track, long now, Context ctx, Collector<Alarm> out) {
    track.lastSeen = now;
    if (track.timerAt == SensorState.NONE) {
      setTimer(track, ctx, now + timeoutMs);
    }
    if (track.online) {
      return false;
    }
    track.online = true;
    change(track, ctx, now, Signal.inactive(0, timeoutMs / 1000.0, BACK), out);
    return true;
  }

  private void change(
      DeviceTrack track, Context ctx, long now, Signal signal, Collector<Alarm> out) {
    Alarm alarm =
        AlarmLifecycle.apply(
            track.open,
            track.pendingSince,
            AlarmKind.DEVICE_OFFLINE,
            signal,
            new Subject(track.site, ctx.getCurrentKey(), null),
            Instant.ofEpochMilli(now),
            0);
    if (alarm != null) {
      LOG.info(
          "alarm {} {} v{}: {}", alarm.alarmId(), alarm.state(), alarm.version(), alarm.message());
      out.collect(alarm);
    }
  }

  private static void setTimer(DeviceTrack track, Context ctx, long at) {
    track.timerAt = at;
    ctx.timerService().registerProcessingTimeTimer(at);
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
