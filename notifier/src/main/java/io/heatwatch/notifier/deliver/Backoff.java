package io.heatwatch.notifier.deliver;

import io.heatwatch.notifier.config.RetrySettings;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The delay before the next attempt: {@code first * 2^(attempts-1)}, capped at {@code max}, then
 * "equal jitter" (half fixed, half random) so that many messages held back by one outage do not all
 * retry at the same instant. A server's own hint (Retry-After) is honoured up to the cap.
 */
final class Backoff {
  private final RetrySettings settings;
  private final RandomGenerator random;

  Backoff(RetrySettings settings, RandomGenerator random) {
    this.settings = settings;
    this.random = random;
  }

  /** The delay after the attempt numbered {@code attempts} (1 after the first) failed. */
  Duration after(int attempts, Duration hint) {
    if (hint != null && !hint.isNegative()) {
      return min(hint, RetrySettings.CAP);
    }
    long firstMs = settings.first().toMillis();
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    // first is at most 5 min (< 2^19 ms), so 30 doublings stay far from overflow.
    long ceiling = Math.min(settings.max().toMillis(), firstMs << doublings);
    long half = ceiling / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
