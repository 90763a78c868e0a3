package io.heatwatch.edge.log;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The log of one kind of per-record problem: its first occurrence, then at most one line a minute
 * with the count since the previous line, so a problem that repeats on every tick or message stays
 * readable. The count is the metric.
 */
public final class ThrottledLog {
  private static final long EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Logger log;
  private final String what;
  private final LongSupplier nanos;
  private long total;
  private long sinceLine;
  private long lastLineNanos;
  private boolean logged;

  /**
   * @param log where the lines go (WARN)
   * @param what the problem, e.g. {@code "device pi-1: publish refused by the broker"}
   */
  public ThrottledLog(Logger log, String what) {
    this(log, what, System::nanoTime);
  }

  /**
   * As above, on the monotonic clock {@code nanos} (nanoseconds, as {@link System#nanoTime()}):
   * tests pass one they move by hand.
   */
  public ThrottledLog(Logger log, String what, LongSupplier nanos) {
    this.log = log;
    this.what = what;
    this.nanos = nanos;
  }

  /** Counts {@code n} occurrences and logs them if this is the first or a minute has passed. */
  public synchronized void add(long n, String detail) {
    total += n;
    sinceLine += n;
    long now = nanos.getAsLong();
    if (!logged) {
      logged = true;
      log.warn("{}: {}", what, detail);
    } else if (now - lastLineNanos >= EVERY_NANOS) {
      log.warn(
          "{}: {} more in the last minute ({} in all), latest: {}", what, sinceLine, total, detail);
    } else {
      return;
    }
    sinceLine = 0;
    lastLineNanos = now;
  }

  /** Occurrences since start. */
  public synchronized long total() {
    return total;
  }
}
