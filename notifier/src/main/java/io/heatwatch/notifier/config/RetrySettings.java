package io.heatwatch.notifier.config;

import java.time.Duration;

/**
 * How a delivery that may succeed later is retried: exponential back-off from {@code first},
 * doubling, capped at {@code max}, with jitter.
 *
 * @param first the delay before the second attempt
 * @param max the longest delay between attempts
 */
public record RetrySettings(Duration first, Duration max) {
  /** The longest delay between attempts the notifier allows (the brief's cap). */
  public static final Duration CAP = Duration.ofMinutes(5);

  public static final RetrySettings DEFAULTS =
      new RetrySettings(Duration.ofSeconds(5), Duration.ofMinutes(5));

  public RetrySettings {
    if (first == null || first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("first must be > 0, got " + first);
    }
    if (max == null || max.compareTo(first) < 0 || max.compareTo(CAP) > 0) {
      throw new IllegalArgumentException("max must be first.." + CAP + ", got " + max);
    }
  }
}
