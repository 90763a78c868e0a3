package io.heatwatch.edge.publish;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: a fleet that lost its broker at the same moment does not
 * reconnect at the same moment.
 */
public final class Backoff {
  private final Duration min;
  private final Duration max;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration min, Duration max, RandomGenerator random) {
    this.min = min;
    this.max = max;
    this.random = random;
  }

  /** A backoff as the agent makes them, with this process's randomness. */
  public static Backoff jittered(Duration min, Duration max) {
    return new Backoff(min, max, java.util.concurrent.ThreadLocalRandom.current());
  }

  /** The wait before the next attempt: uniform in [min, min·2^attempt], capped at max. */
  public synchronized Duration next() {
    long ceiling = Math.min(max.toMillis(), min.toMillis() << Math.min(attempt, 20));
    attempt++;
    return Duration.ofMillis(
        min.toMillis() + random.nextLong(Math.max(1, ceiling - min.toMillis() + 1)));
  }

  /** After a success: start from {@code min} again. */
  public synchronized void reset() {
    attempt = 0;
  }
}
