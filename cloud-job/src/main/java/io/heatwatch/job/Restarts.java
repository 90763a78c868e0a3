package io.heatwatch.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * How the job restarts after a failure: exponential delay from {@code initialDelay} up to {@code
 * maxDelay} with {@code jitter}, back to {@code initialDelay} after {@code resetAfter} without a
 * failure, and no limit on the number of restarts unless {@code attempts} sets one. A monitoring
 * job must not stay down after a long outage of one of its stores: a terminal limit turned the
 * tenth failure of its life into a stopped job.
 *
 * @param initialDelay {@value JobConfig#RESTART_DELAY}
 * @param maxDelay {@value JobConfig#RESTART_MAX_DELAY}
 * @param jitter {@value JobConfig#RESTART_JITTER}
 * @param resetAfter {@value JobConfig#RESTART_RESET_AFTER}
 * @param attempts {@value JobConfig#RESTART_ATTEMPTS}, empty for no limit
 */
public record Restarts(
    Duration initialDelay,
    Duration maxDelay,
    double jitter,
    Duration resetAfter,
    OptionalInt attempts)
    implements Serializable {

  public Restarts {
    if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
      throw JobConfig.invalid(JobConfig.RESTART_DELAY, initialDelay, "must be positive");
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw JobConfig.invalid(
          JobConfig.RESTART_MAX_DELAY,
          maxDelay,
          "must be at least " + JobConfig.RESTART_DELAY + " " + initialDelay);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw JobConfig.invalid(JobConfig.RESTART_JITTER, jitter, "must be 0..1");
    }
    if (resetAfter == null || resetAfter.isNegative() || resetAfter.isZero()) {
      throw JobConfig.invalid(JobConfig.RESTART_RESET_AFTER, resetAfter, "must be positive");
    }
    if (attempts == null || (attempts.isPresent() && attempts.getAsInt() < 0)) {
      throw JobConfig.invalid(JobConfig.RESTART_ATTEMPTS, attempts, "must be >= 0 or empty");
    }
  }
}
