package io.heatwatch.edge.outbox;

import java.time.Duration;

/**
 * How much the outbox may hold before it drops the oldest readings.
 *
 * @param maxReadings most readings kept (e.g. 8 sensors at 1 Hz for 7 days ≈ 4.8 M)
 * @param maxAge readings older than this are dropped
 */
public record OutboxLimits(long maxReadings, Duration maxAge) {
  /** Seven days of 8 sensors at 1 Hz, or 30 days, whichever comes first (~1 GB on disk). */
  public static final OutboxLimits DEFAULT = new OutboxLimits(4_838_400, Duration.ofDays(30));

  public OutboxLimits {
    if (maxReadings < 1) {
      throw new IllegalArgumentException("outbox.maxReadings must be >= 1, got " + maxReadings);
    }
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("outbox.maxAge must be positive, got " + maxAge);
    }
  }
}
