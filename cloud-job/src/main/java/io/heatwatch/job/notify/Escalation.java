package io.heatwatch.job.notify;

import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Notification;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * When an alarm nobody acknowledges reaches its next escalation level, and how often it is then
 * recalled, per severity. Level 1 hears an alarm when it opens; level n+1 hears it {@code
 * delays.get(n-1)} after that (each delay counted from the opening, strictly increasing); after the
 * last level a reminder goes to that level every {@code reminder}, 0 for none.
 *
 * @param critical delays of levels 2, 3, ... for a CRITICAL alarm
 * @param warning delays of levels 2, 3, ... for a WARNING alarm
 * @param remindCritical the reminder interval after the last level of a CRITICAL alarm
 * @param remindWarning the reminder interval after the last level of a WARNING alarm
 */
public record Escalation(
    List<Duration> critical,
    List<Duration> warning,
    Duration remindCritical,
    Duration remindWarning)
    implements Serializable {

  /** The defaults: criticals escalate at 15 and 45 min and recall hourly; warnings at 1 h. */
  public static final Escalation DEFAULTS =
      new Escalation(
          List.of(Duration.ofMinutes(15), Duration.ofMinutes(45)),
          List.of(Duration.ofHours(1)),
          Duration.ofHours(1),
          Duration.ZERO);

  public Escalation {
    critical = checked(critical);
    warning = checked(warning);
    if (remindCritical.isNegative() || remindWarning.isNegative()) {
      throw new IllegalArgumentException(
          "reminder intervals must be >= 0, got " + remindCritical + " and " + remindWarning);
    }
  }

  /**
   * {@code delays} if each is above the one before (the first above 0) and there are at most {@link
   * Notification#MAX_LEVEL} - 1; throws naming the problem otherwise.
   */
  public static List<Duration> checked(List<Duration> delays) {
    if (delays.size() > Notification.MAX_LEVEL - 1) {
      throw new IllegalArgumentException(
          "must name at most " + (Notification.MAX_LEVEL - 1) + " levels, got " + delays.size());
    }
    Duration previous = Duration.ZERO;
    for (Duration d : delays) {
      if (d.compareTo(previous) <= 0) {
        throw new IllegalArgumentException("must be > 0 and strictly increasing, got " + delays);
      }
      previous = d;
    }
    return List.copyOf(delays);
  }

  /**
   * The delay after the opening at which level {@code level} hears an alarm of {@code severity}, or
   * -1 when that severity has no such level.
   */
  long levelDelayMs(Severity severity, int level) {
    List<Duration> delays = severity == Severity.CRITICAL ? critical : warning;
    return level >= 2 && level - 2 < delays.size() ? delays.get(level - 2).toMillis() : -1;
  }

  /** The reminder interval of {@code severity} after its last level, 0 for none. */
  long reminderMs(Severity severity) {
    return (severity == Severity.CRITICAL ? remindCritical : remindWarning).toMillis();
  }
}
