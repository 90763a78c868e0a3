package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import java.util.Arrays;

/**
 * What {@code device.DeviceOfflineDetector} remembers per sensor of its device for SENSOR_SILENT:
 * when the sensor last gave a sign of life, the recent gaps between its signs (its cadence), its
 * own bound if its config sets one, and its open SENSOR_SILENT alarm. A mutable Flink POJO; its
 * operator's {@code SensorSilence} uses the methods.
 *
 * <p>Stays {@code io.heatwatch.job.detect.SensorWatch}, next to the alarm state it holds, although
 * its operator lives in {@code device/}: Flink's POJO serializer writes this class name (and the
 * types of its fields) into every checkpoint and savepoint, so moving or renaming it, or changing a
 * field's type, makes running jobs unrestorable. Adding a field is allowed.
 */
public class SensorWatch {
  /** How many recent gaps the cadence is the median of. */
  public static final int GAPS = 9;

  public String sensorId;

  /** Processing time (epoch ms) of the latest good reading, {@link SensorState#NONE} if none. */
  public long lastSeen = SensorState.NONE;

  /** Recent gaps (ms) between signs of life, a ring of {@link #GAPS}. */
  public long[] gaps = new long[GAPS];

  /** How many slots of {@link #gaps} hold a gap. */
  public int gapCount;

  /** The slot the next gap goes to. */
  public int nextGap;

  /** The bound its config sets ({@code silentAfterS}), {@link SensorState#NONE} to learn it. */
  public long silentAfterMs = SensorState.NONE;

  /** Its open SENSOR_SILENT alarm, {@code null} if none. */
  public Alarm silent;

  /** An operator resolved its SENSOR_SILENT alarm: not watched again until it reports. */
  public boolean resolved;

  public SensorWatch() {}

  public static SensorWatch of(String sensorId) {
    SensorWatch watch = new SensorWatch();
    watch.sensorId = sensorId;
    return watch;
  }

  /** Records a sign of life at {@code now}. */
  public void seen(long now) {
    if (lastSeen != SensorState.NONE && now > lastSeen) {
      gaps[nextGap] = now - lastSeen;
      nextGap = (nextGap + 1) % GAPS;
      gapCount = Math.min(gapCount + 1, GAPS);
    }
    lastSeen = now;
    resolved = false;
  }

  /**
   * The median gap between its signs of life (the lower one of an even count), {@link
   * SensorState#NONE} before the first gap. A median, because one long gap (a reboot, or the very
   * silence an alarm was about) or a burst (a backlog) must not move the bound; the lower one, so
   * that with two gaps the silence does not stretch the next bound.
   */
  public long cadenceMs() {
    if (gapCount == 0) {
      return SensorState.NONE;
    }
    long[] sorted = Arrays.copyOf(gaps, gapCount);
    Arrays.sort(sorted);
    return sorted[(gapCount - 1) / 2];
  }

  /**
   * How long it may be silent: its config's bound if set, else three times its cadence, and never
   * less than {@code minMs}.
   */
  public long boundMs(long minMs) {
    if (silentAfterMs != SensorState.NONE) {
      return silentAfterMs;
    }
    long cadence = cadenceMs();
    return cadence == SensorState.NONE ? minMs : Math.max(3 * cadence, minMs);
  }
}
