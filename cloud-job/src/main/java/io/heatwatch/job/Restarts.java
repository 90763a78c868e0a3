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
 * @param initialDelay {@link JobOptions#RESTART_DELAY}
 * @param maxDelay {@link JobOptions#RESTART_MAX_DELAY}
 * @param jitter {@link JobOptions#RESTART_JITTER}
 * @param resetAfter {@link JobOptions#RESTART_RESET_AFTER}
 * @param attempts {@link JobOptions#RESTART_ATTEMPTS}, empty for no limit
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
      throw JobConfig.invalid(JobOptions.RESTART_DELAY, initialDelay, "must be positive");
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw JobConfig.invalid(
          JobOptions.RESTART_MAX_DELAY,
          maxDelay,
          "must be at least " + JobOptions.RESTART_DELAY.key() + " " + initialDelay);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw JobConfig.invalid(JobOptions.RESTART_JITTER, jitter, "must be 0..1");
    }
    if (resetAfter == null || resetAfter.isNegative() || resetAfter.isZero()) {
      throw JobConfig.invalid(JobOptions.RESTART_RESET_AFTER, resetAfter, "must be positive");
    }
    if (attempts == null || (attempts.isPresent() && attempts.getAsInt() < 0)) {
      throw JobConfig.invalid(JobOptions.RESTART_ATTEMPTS, attempts, "must be >= 0 or empty");
    }
  }
}
