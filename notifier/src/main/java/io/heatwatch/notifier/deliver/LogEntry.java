package io.heatwatch.notifier.deliver;

import io.heatwatch.model.Notification;
import io.heatwatch.notifier.config.Target;
import java.time.Instant;
import java.util.Objects;

/**
 * One value of the delivery log (key = {@code id}): the latest state of a notification, and the
 * intent and target to send it again after a restart.
 *
 * @param id the notification's id ({@link NotificationIds})
 * @param state where it is
 * @param attempts how many attempts were made
 * @param at when this state was recorded
 * @param nextAt when the next attempt is due (RETRYING), else null
 * @param detail the server's answer or the reason of the failure, or null
 * @param target who and through which channel
 * @param intent the intent it delivers
 * @param batch what it may share one message with: notifications to the same target with the same
 *     batch that are due together go as one ("site:&lt;site&gt;" for a site's group, "quiet" for
 *     the digest after quiet hours), or null
 */
public record LogEntry(
    String id,
    DeliveryState state,
    int attempts,
    Instant at,
    Instant nextAt,
    String detail,
    Target target,
    Notification intent,
    String batch) {

  /** Longest detail kept, so a server's long error page does not bloat the log. */
  static final int MAX_DETAIL = 500;

  public LogEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(intent, "intent");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
    }
    if (detail != null && detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL) + "…";
    }
  }

  /** A new claim for the intent and target, not yet attempted. */
  static LogEntry claim(Notification intent, Target target, Instant at) {
    return claim(intent, target, at, null, null, null);
  }

  /**
   * A new claim to send at {@code due} (null: at once) with the others of its {@code batch}; {@code
   * detail} says why it waits.
   */
  static LogEntry claim(
      Notification intent, Target target, Instant at, Instant due, String batch, String detail) {
    return new LogEntry(
        NotificationIds.of(intent.id(), target),
        DeliveryState.CLAIMED,
        0,
        at,
        due,
        detail,
        target,
        intent,
        batch);
  }

  /** The notification of the intent and target, not sent on purpose: {@code detail} says why. */
  static LogEntry suppressed(Notification intent, Target target, Instant at, String detail) {
    return new LogEntry(
        NotificationIds.of(intent.id(), target),
        DeliveryState.SUPPRESSED,
        0,
        at,
        null,
        detail,
        target,
        intent,
        null);
  }

  /** This notification in a new state after one more attempt. */
  LogEntry attempted(DeliveryState next, Instant now, Instant nextAt, String detail) {
    return new LogEntry(id, next, attempts + 1, now, nextAt, detail, target, intent, batch);
  }

  /** This notification in {@code next} state at {@code now} without an attempt. */
  LogEntry withState(DeliveryState next, Instant now, String why) {
    return new LogEntry(id, next, attempts, now, null, why, target, intent, batch);
  }

  /** This notification given up without an attempt (its channel or recipient is gone). */
  LogEntry abandoned(Instant now, String detail) {
    return new LogEntry(
        id, DeliveryState.FAILED, attempts, now, null, detail, target, intent, batch);
  }
}
