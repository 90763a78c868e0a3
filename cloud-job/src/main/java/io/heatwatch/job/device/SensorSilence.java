package io.heatwatch.job.device;

import io.heatwatch.job.detect.AlarmLifecycle;
import io.heatwatch.job.detect.AlarmLifecycle.Subject;
import io.heatwatch.job.detect.AlarmTracks;
import io.heatwatch.job.detect.DeviceTrack;
import io.heatwatch.job.detect.SensorState;
import io.heatwatch.job.detect.SensorWatch;
import io.heatwatch.job.detect.Signal;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.SensorConfig;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * SENSOR_SILENT and the retirement of sensors gone for good, for the sensors of one device, in
 * processing time. Plain Java run by {@link DeviceOfflineDetector}, which knows whether the device
 * lives: a sensor is silent (no good reading) only while its device is online and has shown life
 * since the sensor's last good reading, so a device that stops as a whole gets its DEVICE_OFFLINE
 * alarm and no SENSOR_SILENT per sensor.
 */
final class SensorSilence implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final AlarmKind SILENT = AlarmKind.SENSOR_SILENT;

  private final long minMs;
  private final long retireMs;

  SensorSilence(Duration silentMin, Duration retireAfter) {
    this.minMs = silentMin.toMillis();
    this.retireMs = retireAfter.toMillis();
  }

  /** A sign of life of {@code sensorId}: it is watched (again), and its SENSOR_SILENT clears. */
  void seen(DeviceTrack track, Subject sensor, long now, Consumer<Alarm> out) {
    SensorWatch watch = watch(track, sensor.sensorId(), true);
    watch.seen(now);
    if (watch.silent != null) {
      close(watch, sensor, now, "%1$s reports again", out);
    }
  }

  /**
   * Opens SENSOR_SILENT for each sensor silent beyond its bound while its device lives, and retires
   * sensors not seen for the retirement period; returns how many it retired.
   */
  int check(DeviceTrack track, String deviceId, long now, Consumer<Alarm> out) {
    int retired = 0;
    for (SensorWatch watch : watches(track)) {
      Subject sensor = new Subject(track.site, deviceId, watch.sensorId);
      if (watch.lastSeen == SensorState.NONE) {
        continue;
      }
      if (now - watch.lastSeen >= retireMs) {
        retire(track, sensor, now, out);
        retired++;
      } else if (watch.silent == null && !watch.resolved && lives(track, watch)) {
        long silentMs = now - watch.lastSeen;
        long boundMs = watch.boundMs(minMs);
        if (now - from(track, watch) >= boundMs) {
          String message =
              "%1$s: no good reading for " + human(silentMs) + " (bound " + human(boundMs) + ")";
          Signal signal =
              Signal.active(Severity.WARNING, silentMs / 1000.0, boundMs / 1000.0, message);
          watch.silent =
              AlarmLifecycle.apply(
                  AlarmTracks.holding(SILENT, null),
                  SILENT,
                  signal,
                  sensor,
                  Instant.ofEpochMilli(now),
                  0);
          out.accept(watch.silent);
        }
      }
    }
    return retired;
  }

  /**
   * The next time after {@code now} that {@link #check} may have something to do, {@link
   * SensorState#NONE} if never. A sensor past its bound while its device shows no life waits for
   * the device's next sign, which runs {@link #check} anyway.
   */
  long nextDue(DeviceTrack track, long now) {
    long next = Long.MAX_VALUE;
    for (SensorWatch watch : watches(track)) {
      if (watch.lastSeen == SensorState.NONE) {
        continue;
      }
      next = Math.min(next, watch.lastSeen + retireMs);
      long silentDue = from(track, watch) + watch.boundMs(minMs);
      if (watch.silent == null && !watch.resolved && silentDue > now) {
        next = Math.min(next, silentDue);
      }
    }
    return next == Long.MAX_VALUE ? SensorState.NONE : next;
  }

  /**
   * Applies a sensor's config: its own silence bound, and its retirement when an operator set
   * {@code retiredAt}; returns whether it retired the sensor.
   */
  boolean configure(
      DeviceTrack track, Subject sensor, SensorConfig config, long now, Consumer<Alarm> out) {
    SensorWatch watch = watch(track, sensor.sensorId(), config.retiredAt() == null);
    if (watch == null) {
      return false;
    }
    if (config.retiredAt() != null) {
      retire(track, sensor, now, out);
      return true;
    }
    watch.silentAfterMs =
        config.silentAfterS() == null ? SensorState.NONE : config.silentAfterS() * 1000;
    return false;
  }

  /** A tombstone of a sensor's config: its bound is learned again. */
  void unconfigure(DeviceTrack track, String sensorId) {
    SensorWatch watch = watch(track, sensorId, false);
    if (watch != null) {
      watch.silentAfterMs = SensorState.NONE;
    }
  }

  /** Applies an operator's command to a SENSOR_SILENT alarm; the changed alarm or {@code null}. */
  Alarm command(DeviceTrack track, AlarmCommand command) {
    for (SensorWatch watch : watches(track)) {
      if (watch.silent == null || !watch.silent.alarmId().equals(command.alarmId())) {
        continue;
      }
      AlarmTracks tracks = AlarmTracks.holding(SILENT, watch.silent);
      Alarm changed = AlarmLifecycle.command(tracks, command);
      if (changed != null) {
        watch.silent = tracks.open(SILENT);
        watch.resolved = command.action() == AlarmCommand.Action.RESOLVE;
      }
      return changed;
    }
    return null;
  }

  /** Clears the sensor's SENSOR_SILENT alarm, if open, and forgets the sensor. */
  private void retire(DeviceTrack track, Subject sensor, long now, Consumer<Alarm> out) {
    SensorWatch watch = watch(track, sensor.sensorId(), false);
    if (watch.silent != null) {
      String since =
          watch.lastSeen == SensorState.NONE
              ? "never seen"
              : "not seen since " + Instant.ofEpochMilli(watch.lastSeen);
      close(watch, sensor, now, "%1$s retired: " + since, out);
    }
    SensorWatch[] rest = new SensorWatch[track.sensors.length - 1];
    int i = 0;
    for (SensorWatch other : track.sensors) {
      if (other != watch) {
        rest[i++] = other;
      }
    }
    track.sensors = rest;
  }

  private static void close(
      SensorWatch watch, Subject sensor, long now, String message, Consumer<Alarm> out) {
    Alarm cleared =
        AlarmLifecycle.apply(
            AlarmTracks.holding(SILENT, watch.silent),
            SILENT,
            Signal.inactive(0, 0, message),
            sensor,
            Instant.ofEpochMilli(now),
            0);
    watch.silent = null;
    if (cleared != null) {
      out.accept(cleared);
    }
  }

  /** Whether the device is online and has shown life since the sensor's latest reading. */
  private static boolean lives(DeviceTrack track, SensorWatch watch) {
    return track.online && track.lastSeen > watch.lastSeen;
  }

  /** Silence counts from the sensor's latest reading or the device's return, the later. */
  private static long from(DeviceTrack track, SensorWatch watch) {
    return Math.max(watch.lastSeen, track.onlineSince);
  }

  private static SensorWatch[] watches(DeviceTrack track) {
    return track.sensors == null ? new SensorWatch[0] : track.sensors.clone();
  }

  private static SensorWatch watch(DeviceTrack track, String sensorId, boolean create) {
    SensorWatch[] sensors = track.sensors == null ? new SensorWatch[0] : track.sensors;
    for (SensorWatch watch : sensors) {
      if (watch.sensorId.equals(sensorId)) {
        return watch;
      }
    }
    if (!create) {
      return null;
    }
    SensorWatch watch = SensorWatch.of(sensorId);
    track.sensors = Arrays.copyOf(sensors, sensors.length + 1);
    track.sensors[sensors.length] = watch;
    return watch;
  }

  /** A duration for people: {@code 45 s}, {@code 2 min 10 s}, {@code 3 h 5 min}, {@code 7 d}. */
  static String human(long ms) {
    long s = ms / 1000;
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }
    if (s < 86_400) {
      long min = s / 60 % 60;
      return min == 0 ? s / 3600 + " h" : s / 3600 + " h " + min + " min";
    }
    long h = s / 3600 % 24;
    return h == 0 ? s / 86_400 + " d" : s / 86_400 + " d " + h + " h";
  }
}
