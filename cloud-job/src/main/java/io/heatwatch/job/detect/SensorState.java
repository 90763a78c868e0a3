package io.heatwatch.job.detect;

import io.heatwatch.job.functions.ClosedMinutes;
import io.heatwatch.job.functions.MetricsAccumulator;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Reading;
import java.util.Arrays;

/**
 * Everything the job remembers about one sensor: the seqs it has seen (dedupe), its open minutes
 * (metrics), and for the detectors its recent OK readings, recent qualities, how long its value has
 * not moved, and the pending and open alarm of each kind.
 *
 * <p>A mutable Flink POJO (public fields, no-arg constructor) so that it is one value in keyed
 * state with Flink's own serializer: one state lookup per reading rather than one per concern. The
 * detector fields are changed only by {@link SensorDetection}.
 *
 * <p>Stays {@code io.heatwatch.job.detect.SensorState}, although the per-sensor operator lives in
 * {@code sensor/}: Flink's POJO serializer writes this class name (and the types of its fields)
 * into every checkpoint and savepoint, so moving or renaming it, or changing a field's type, makes
 * running jobs unrestorable. Adding a field is allowed.
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

  /** Open alarm per kind at its {@link AlarmSlots slot}, {@code null} when none is open. */
  public Alarm[] open = AlarmSlots.noAlarms();

  /** Event time per kind since which its condition holds while no alarm is open yet. */
  public long[] pendingSince = AlarmSlots.nonePending();

  /**
   * The dedupe window ({@code sensor.SeqWindow}), {@code null} while the sensor is not remembered.
   */
  public long[] seen;

  /** Start (epoch ms) of each open minute; {@link #minutes} holds its statistics. */
  public long[] minuteStarts = new long[0];

  /** Statistics of the open minutes, in the order of {@link #minuteStarts}. */
  public MetricsAccumulator[] minutes = new MetricsAccumulator[0];

  /**
   * Closed minutes, for readings that arrive after their minute closed; {@code null} in state
   * restored from before it existed (see {@link #closed()}).
   */
  public ClosedMinutes closed = new ClosedMinutes();

  // cadence and episodes (issue 19)
  // State restored from before these fields existed gets 0 in each: "nothing learned yet".

  /** The learned cadence ({@link Cadence}), ms between OK readings; 0 until two are seen. */
  public int cadenceMs;

  /**
   * How many readings in a row FLATLINE has seen at {@link #flatValue}, since {@link #flatSince}.
   */
  public int flatCount;

  /**
   * Since when (epoch ms) the open RATE_OF_CHANGE alarm's rate has been quiet, 0 while it is not:
   * the episode ends, and the alarm clears, only after a quiet time.
   */
  public long rateQuietSince;

  // trend, exposure, defrost, excursion (issue 19)
  // Each starts as Java's default (0, null, false), which means "nothing yet": state restored from
  // before these fields existed gets exactly that.

  /** TREND's history: bucket-mean times (epoch ms) and values, a ring; {@code null} until used. */
  public long[] trendTimes;

  public double[] trendValues;

  /** How many of {@link #trendTimes} hold a bucket, and where the next one goes. */
  public int trendSize;

  public int trendNext;

  /** The open bucket: its first reading's time, count, sum of (time - start) and of values. */
  public long trendBucketStart;

  public int trendBucketCount;

  public double trendBucketSumDt;

  public double trendBucketSumV;

  /** The latest fit: side (1 HIGH, -1 LOW, 0 none), minutes to cross from {@link #trendAt}. */
  public int trendSide;

  public double trendEtaMin;

  public long trendAt;

  /** Whether the latest fit is steady enough to open TREND, and how long it spans (ms). */
  public boolean trendSteady;

  public long trendSpanMs;

  /** This episode's TREND is spent: the value went beyond its threshold (HIGH took over). */
  public boolean trendSpent;

  /** Event time (epoch ms) before which a TREND that cleared on its forecast does not reopen. */
  public long trendQuietUntil;

  /** Exposure (ms) beyond HIGH or LOW per day slot, and each slot's epoch day; null until used. */
  public long[] exposureMs;

  public long[] exposureDays;

  /** The window's sum, and the epoch day it was summed for. */
  public long exposureTotalMs;

  public long exposureSumDay;

  /** The excursion above HIGH the defrost gate watches: start (0: none), over the ceiling. */
  public long defrostStart;

  public boolean defrostOverCeiling;

  /** Whether the current excursion is tolerated as a defrost so far. */
  public boolean defrostTolerating;

  /** Exposure of the current excursion held back until it is known not to be a defrost. */
  public long defrostHeldMs;

  /** Starts of recent defrost-like excursions (a ring), their count, the learned period. */
  public long[] defrostStarts;

  public int defrostCount;

  public long defrostPeriodMs;

  /** Start of the latest tolerated defrost: the schedule's phase, 0 while unknown. */
  public long defrostLastMs;

  /** The open HIGH and LOW excursion summaries ({@link Excursions}); null when none. */
  public double[] highExcursion;

  public double[] lowExcursion;

  /**
   * The view {@link #tracks()} gave last, kept so that a reading does not make one: transient, so
   * Flink's POJO serializer neither writes nor copies it (a copy makes its own).
   */
  private transient AlarmTracks tracks;

  public SensorState() {}

  /**
   * Grows the per-kind arrays to today's number of kinds: state restored from a checkpoint taken
   * before kinds were added has shorter ones.
   */
  public void fitKinds() {
    open = AlarmSlots.fit(open);
    pendingSince = AlarmSlots.fit(pendingSince);
  }

  /** The closed minutes, created on first use in state restored from before they existed. */
  public ClosedMinutes closed() {
    if (closed == null) {
      closed = new ClosedMinutes();
    }
    return closed;
  }

  /**
   * Adds {@code value} of {@code reading} to the minute starting at {@code start}, opening that
   * minute if it is not open yet; returns whether it opened it.
   */
  public boolean addToMinute(long start, Reading reading, double value) {
    int i = minuteIndex(start);
    if (i >= 0) {
      minutes[i] = minutes[i].add(reading, value);
      return false;
    }
    int n = minuteStarts.length;
    minuteStarts = Arrays.copyOf(minuteStarts, n + 1);
    minutes = Arrays.copyOf(minutes, n + 1);
    minuteStarts[n] = start;
    minutes[n] = MetricsAccumulator.empty().add(reading, value);
    return true;
  }

  /**
   * Closes the minute starting at {@code start}; returns it, or {@code null} if it was not open.
   */
  public MetricsAccumulator removeMinute(long start) {
    int i = minuteIndex(start);
    if (i < 0) {
      return null;
    }
    MetricsAccumulator minute = minutes[i];
    int last = minuteStarts.length - 1;
    minuteStarts[i] = minuteStarts[last];
    minutes[i] = minutes[last];
    minuteStarts = Arrays.copyOf(minuteStarts, last);
    minutes = Arrays.copyOf(minutes, last);
    return minute;
  }

  /** Where the open minute starting at {@code start} is, -1 when it is not open. */
  private int minuteIndex(long start) {
    for (int i = 0; i < minuteStarts.length; i++) {
      if (minuteStarts[i] == start) {
        return i;
      }
    }
    return -1;
  }

  /** Whether nothing needs keeping once the dedupe window is forgotten. */
  public boolean idle() {
    return minuteStarts.length == 0 && (closed == null || !closed.pending()) && !anyAlarm();
  }

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
    int cadence = Cadence.learn(this);
    if (cadence > 0) {
      cadenceMs = cadence;
    }
  }

  /** Whether any alarm is open or pending; such a sensor's state must be kept. */
  public boolean anyAlarm() {
    return tracks().any();
  }

  /** Its open and pending alarms, by kind. */
  public AlarmTracks tracks() {
    fitKinds();
    if (tracks == null || !tracks.over(open, pendingSince)) {
      tracks = AlarmTracks.of(this);
    }
    return tracks;
  }

  private int slot(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("reading " + i + " of " + size);
    }
    // next - 1 - i is at least -WINDOW, so one wrap is enough; cheaper than floorMod per access
    int slot = next - 1 - i;
    return slot < 0 ? slot + WINDOW : slot;
  }
}
