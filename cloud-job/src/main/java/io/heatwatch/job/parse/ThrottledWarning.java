package io.heatwatch.job.parse;

/**
 * Counts a per-record problem so that it is logged at its first occurrence and then at most once a
 * minute with the count since the last line; the metric counts every one.
 */
public final class ThrottledWarning {
  private static final long EVERY_MS = 60_000;

  private long lastLine = Long.MIN_VALUE;
  private long since;

  /** Adds {@code n} occurrences; returns how many to report if a line is due now, else 0. */
  public long add(long n, long nowMs) {
    since += n;
    if (lastLine != Long.MIN_VALUE && nowMs - lastLine < EVERY_MS) {
      return 0;
    }
    lastLine = nowMs;
    long count = since;
    since = 0;
    return count;
  }
}
