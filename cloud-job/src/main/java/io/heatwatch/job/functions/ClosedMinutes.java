package io.heatwatch.job.functions;

import io.heatwatch.model.Reading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One sensor's closed minutes, for readings that arrive after their minute closed (a device's
 * store-and-forward backlog, a partition that lagged): which minutes have a metrics document, and
 * the statistics of the most recent ones, so a late reading re-emits its minute whole under the
 * same document id.
 *
 * <ul>
 *   <li>A late reading of a minute whose statistics are kept is added to them.
 *   <li>A late reading of a minute that has no document starts that minute afresh: a backlog of an
 *       outage gets a document for every minute it covers.
 *   <li>A late reading of a minute that has a document whose statistics are no longer kept cannot
 *       be added without losing the document's readings: it is {@link Late#UNTRACKED} and counted,
 *       and the reading itself is still stored.
 * </ul>
 *
 * Changed minutes wait in the state until {@link #flush()} (on a processing-time timer) and are
 * then emitted, so a backlog gives one document per minute. Bounded: at most {@link #KEPT} emitted
 * minutes' statistics and {@link #MAX_RUNS} runs of consecutive emitted minutes.
 *
 * <p>A mutable Flink POJO, a field of the per-sensor state.
 *
 * <p>Stays in {@code functions/} under this name: Flink stores the class name in every checkpoint
 * and savepoint (see {@code package-info.java}).
 */
public class ClosedMinutes {
  /** How many emitted minutes' statistics are kept for late readings. */
  public static final int KEPT = 4;

  /** How many runs of consecutive emitted minutes are remembered; older ones become unknown. */
  public static final int MAX_RUNS = 32;

  private static final long MINUTE_MS = 60_000;

  /** What a late reading did. */
  public enum Late {
    /** Added to a kept minute, or started a minute that had no document. */
    ADDED,
    /** Its minute has a document whose statistics are gone: not in any metrics. */
    UNTRACKED
  }

  /** One minute and its statistics. */
  public record Minute(long start, MetricsAccumulator statistics) {}

  /** Start (epoch ms) of each kept minute; {@link #statistics} holds its statistics. */
  public long[] starts = new long[0];

  public MetricsAccumulator[] statistics = new MetricsAccumulator[0];

  /** Per kept minute: changed since it was last emitted. */
  public boolean[] changed = new boolean[0];

  /** Minutes with a document, as ascending {@code [from, to)} pairs of epoch ms. */
  public long[] runs = new long[0];

  /** Minutes before this may have a document that is no longer remembered. */
  public long unknownBefore = Long.MIN_VALUE;

  /** When the changed minutes are due to be emitted, {@link Long#MIN_VALUE} if none is. */
  public long flushDue = Long.MIN_VALUE;

  public ClosedMinutes() {}

  /** The minute starting at {@code start} closed and was emitted with {@code minute}. */
  public void emitted(long start, MetricsAccumulator minute) {
    int i = index(start);
    if (i < 0) {
      i = append(start, minute);
    }
    statistics[i] = minute;
    changed[i] = false;
    remember(start);
    evict();
  }

  /** Adds a late reading's {@code value} to the closed minute starting at {@code start}. */
  public Late add(long start, Reading reading, double value) {
    int i = index(start);
    if (i >= 0) {
      statistics[i] = statistics[i].add(reading, value);
      changed[i] = true;
      return Late.ADDED;
    }
    if (hasDocument(start)) {
      return Late.UNTRACKED;
    }
    i = append(start, MetricsAccumulator.empty().add(reading, value));
    changed[i] = true;
    return Late.ADDED;
  }

  /** Whether minutes wait to be emitted. */
  public boolean pending() {
    for (boolean c : changed) {
      if (c) {
        return true;
      }
    }
    return false;
  }

  /** The changed minutes, oldest first, now emitted; keeps at most {@link #KEPT} minutes. */
  public List<Minute> flush() {
    List<Minute> due = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      if (changed[i]) {
        due.add(new Minute(starts[i], statistics[i]));
        changed[i] = false;
        remember(starts[i]);
      }
    }
    due.sort((a, b) -> Long.compare(a.start(), b.start()));
    flushDue = Long.MIN_VALUE;
    evict();
    return due;
  }

  /** Whether the minute starting at {@code start} has (or may have) a document. */
  boolean hasDocument(long start) {
    if (start < unknownBefore) {
      return true;
    }
    for (int r = 0; r < runs.length; r += 2) {
      if (start >= runs[r] && start < runs[r + 1]) {
        return true;
      }
    }
    return false;
  }

  /** Adds the minute starting at {@code start} to the runs of minutes with a document. */
  private void remember(long start) {
    if (hasDocument(start)) {
      return;
    }
    long[][] pairs = new long[runs.length / 2 + 1][];
    for (int r = 0; r < runs.length; r += 2) {
      pairs[r / 2] = new long[] {runs[r], runs[r + 1]};
    }
    pairs[pairs.length - 1] = new long[] {start, start + MINUTE_MS};
    Arrays.sort(pairs, Comparator.comparingLong(pair -> pair[0]));
    long[] merged = new long[2 * pairs.length];
    int n = 0;
    for (long[] pair : pairs) {
      if (n > 0 && pair[0] <= merged[n - 1]) {
        merged[n - 1] = Math.max(merged[n - 1], pair[1]);
      } else {
        merged[n++] = pair[0];
        merged[n++] = pair[1];
      }
    }
    runs = Arrays.copyOf(merged, n);
    if (runs.length > 2 * MAX_RUNS) {
      unknownBefore = runs[1];
      runs = Arrays.copyOfRange(runs, 2, runs.length);
    }
  }

  /** Drops the oldest unchanged minutes beyond {@link #KEPT}. */
  private void evict() {
    while (starts.length > KEPT) {
      int oldest = -1;
      for (int i = 0; i < starts.length; i++) {
        if (!changed[i] && (oldest < 0 || starts[i] < starts[oldest])) {
          oldest = i;
        }
      }
      if (oldest < 0) {
        return;
      }
      remove(oldest);
    }
  }

  private int append(long start, MetricsAccumulator minute) {
    int n = starts.length;
    starts = Arrays.copyOf(starts, n + 1);
    statistics = Arrays.copyOf(statistics, n + 1);
    changed = Arrays.copyOf(changed, n + 1);
    starts[n] = start;
    statistics[n] = minute;
    return n;
  }

  private void remove(int i) {
    int last = starts.length - 1;
    starts[i] = starts[last];
    statistics[i] = statistics[last];
    changed[i] = changed[last];
    starts = Arrays.copyOf(starts, last);
    statistics = Arrays.copyOf(statistics, last);
    changed = Arrays.copyOf(changed, last);
  }

  private int index(long start) {
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] == start) {
        return i;
      }
    }
    return -1;
  }
}
