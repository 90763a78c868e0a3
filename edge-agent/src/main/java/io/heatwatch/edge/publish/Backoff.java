package io.heatwatch.edge.publish;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: a fleet that lost its broker at the same moment does not
 * reconnect at the same moment.
 */
final class Backoff {
  private final Duration min;
  private final Duration max;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration min, Duration max, RandomGenerator random) {
    this.min = min;
    this.max = max;
    this.random = random;
  }

  /** Seeds every backoff of this process; thread-safe, and different on every device and start. */
  private static final SecureRandom SEEDS = new SecureRandom();

  /**
   * A backoff as the agent makes them: its own generator, seeded from {@link SecureRandom}. Not
   * {@code ThreadLocalRandom.current()}: taken on one thread and drawn on others (scheduler, Paho),
   * it uses the drawing thread's seed, which is never initialised there, so every Pi would draw the
   * same "random" waits and the fleet would reconnect in lockstep. {@link #next()} is synchronized,
   * so one {@link SplittableRandom} per backoff is safe.
   */
  public static Backoff jittered(Duration min, Duration max) {
    return new Backoff(min, max, new SplittableRandom(SEEDS.nextLong()));
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
