package io.heatwatch.job.sinks;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the job's Elasticsearch writers batch and retry.
 *
 * @param maxActions a bulk request goes out after this many actions...
 * @param flushInterval ...or after this long, whichever comes first
 * @param minBackoff the first wait before a retryable failure is sent again
 * @param maxBackoff the longest wait between two attempts; retries never stop
 */
record BulkSettings(
    int maxActions, Duration flushInterval, Duration minBackoff, Duration maxBackoff)
    implements Serializable {

  /**
   * 1,000 actions or 1 s, so a quiet fleet is still shown within 1 s; retries from 100 ms to 30 s.
   */
  static final BulkSettings DEFAULTS =
      new BulkSettings(1000, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(30));

  BulkSettings {
    if (maxActions < 1) {
      throw new IllegalArgumentException("maxActions must be >= 1, got " + maxActions);
    }
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flushInterval must be > 0, got " + flushInterval);
    }
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must be 0 < min <= max, got " + minBackoff + ", " + maxBackoff);
    }
  }
}
