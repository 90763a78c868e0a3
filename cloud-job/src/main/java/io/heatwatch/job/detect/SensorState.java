package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import java.util.Arrays;

/**
 * Everything the detectors remember about one sensor: its recent OK readings, recent qualities, how
 * long its value has not moved, and the pending and open alarm of each kind.
 *
 * <p>A mutable Flink POJO (public fields, no-arg constructor) so that it is one value in keyed
 * state with Flink's own serializer; only {@link SensorDetection} changes it.
 */
public class SensorState {
  /** How many recent OK readings the baseline keeps. */
  public static final int WINDOW = 31;

  /** No time: nothing pending. */
  public static final long NONE = Long.MIN_VALUE;

  /** Recent OK values, a ring of {@link #WINDOW}; {@code next} is where the next one goes. */
  public double[] values = new double[WINDOW];

  /** Event times (epoch ms) of {@link #values}. */
  public long[] times = new long[WINDOW];

  /** How many of the ring's slots hold a reading. */
  public int size;

  /** The ring slot the next reading goes to. */
  public int next;

  /** Bit i set: the i-th most recent reading was not OK. */
  public long faultBits;

  /** How many readings {@link #faultBits} covers, at most {@link SensorFaultDetector#HISTORY}. */
  public int faultSeen;

  /** The value the sensor has been stuck at, and since when (epoch ms), {@link #NONE} if none. */
  public double flatValue;

  public long flatSince = NONE;

  /** Open alarm per {@link AlarmKind#ordinal()}, {@code null} when none is open. */
  public Alarm[] open = new Alarm[AlarmKind.values().length];

  /** Event time per kind since which its condition holds while no alarm is open yet. */
  public long[] pendingSince = filled(AlarmKind.values().length);

  public SensorState() {}

  /** The {@code i}-th most recent OK value, {@code 0} being the newest. */
  public double value(int i) {
    return values[slot(i)];
  }

  /** Event time of the {@code i}-th most recent OK value. */
  public long time(int i) {
    return times[slot(i)];
  }

  /** Adds an OK reading to the ring, dropping the oldest when it is full. */
  public void add(double value, long time) {
    values[next] = value;
    times[next] = time;
    next = (next + 1) % WINDOW;
    size = Math.min(size + 1, WINDOW);
  }

  /** Whether any alarm is open or pending; such a sensor's state must be kept. */
  public boolean anyAlarm() {
    for (int k = 0; k < open.length; k++) {
      if (open[k] != null || pendingSince[k] != NONE) {
        return true;
      }
    }
    return false;
  }

  private int slot(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("reading " + i + " of " + size);
    }
    return Math.floorMod(next - 1 - i, WINDOW);
  }

  private static long[] filled(int n) {
    long[] array = new long[n];
    Arrays.fill(array, NONE);
    return array;
  }
}
