package io.heatwatch.notifier.route;

import io.heatwatch.model.Alarm.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A recipient's daily quiet hours, in the recipient's own time zone: a warning that arrives in them
 * is held until they end (and then sent with the others held, as one digest); a critical passes at
 * once. A window whose end is before its start runs over midnight (22:00–07:00).
 *
 * @param from when the quiet hours start each day
 * @param until when they end
 * @param zone the recipient's time zone, so daylight saving moves them with the recipient
 */
public record QuietHours(LocalTime from, LocalTime until, ZoneId zone) {

  public QuietHours {
    if (from == null || until == null || zone == null) {
      throw new IllegalArgumentException(
          "quiet hours need from, until and zone; got " + from + ", " + until + ", " + zone);
    }
    if (from.equals(until)) {
      throw new IllegalArgumentException(
          "quiet hours from " + from + " until " + until + " are empty: leave them out instead");
    }
  }

  /**
   * When a notification of {@code severity} made at {@code now} may go out: {@code now} for a
   * critical or outside the quiet hours, else the end of the quiet hours it falls in.
   */
  public Instant releaseAt(Severity severity, Instant now) {
    if (severity == Severity.CRITICAL) {
      return now;
    }
    Instant end = endOfWindowAround(now);
    return end == null ? now : end;
  }

  /** The end of the quiet hours {@code now} falls in, or {@code null} outside them. */
  Instant endOfWindowAround(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    boolean overMidnight = until.isBefore(from);
    boolean inside =
        overMidnight
            ? !time.isBefore(from) || time.isBefore(until)
            : !time.isBefore(from) && time.isBefore(until);
    if (!inside) {
      return null;
    }
    ZonedDateTime end = local.with(until);
    if (!end.isAfter(local)) {
      end = local.plusDays(1).with(until);
    }
    return end.toInstant();
  }

  /** How long the quiet hours last each day. */
  public Duration length() {
    Duration d = Duration.between(from, until);
    return d.isNegative() ? d.plusDays(1) : d;
  }
}
