package io.heatwatch.notifier.route;

import io.heatwatch.model.Alarm;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A stretch of time in which alarms of some sites or devices are not notified (a planned defrost of
 * a cold room, a sensor being replaced). It always ends: a window has an end no later than {@link
 * #LONGEST} after its start, so one forgotten window cannot silence a site for good. Alarms in a
 * window are still raised, indexed and shown; only their notifications are dropped, and the
 * delivery log says why.
 *
 * @param id the window's id, named in the delivery log
 * @param from when it starts
 * @param until when it ends
 * @param sites the sites it covers, empty for every site
 * @param deviceIds the devices it covers, empty for every device of those sites
 * @param by who set it up
 * @param reason why, shown with it
 */
public record MaintenanceWindow(
    String id,
    Instant from,
    Instant until,
    Set<String> sites,
    Set<String> deviceIds,
    String by,
    String reason) {

  /** The longest a window may last. */
  public static final Duration LONGEST = Duration.ofDays(7);

  public MaintenanceWindow {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("maintenance window id must not be empty");
    }
    if (from == null || until == null || !until.isAfter(from)) {
      throw new IllegalArgumentException(
          "maintenance window " + id + ": until " + until + " must be after from " + from);
    }
    if (Duration.between(from, until).compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(
          "maintenance window "
              + id
              + " lasts "
              + Duration.between(from, until)
              + ", longer than the longest allowed "
              + LONGEST
              + ": windows always end");
    }
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("maintenance window " + id + ": by must name a person");
    }
    sites = sites == null ? Set.of() : Set.copyOf(sites);
    deviceIds = deviceIds == null ? Set.of() : Set.copyOf(deviceIds);
  }

  /** Whether {@code alarm}'s notifications at {@code now} are silenced by this window. */
  public boolean covers(Alarm alarm, Instant now) {
    return !now.isBefore(from)
        && now.isBefore(until)
        && (sites.isEmpty() || sites.contains(alarm.site()))
        && (deviceIds.isEmpty() || deviceIds.contains(alarm.deviceId()));
  }
}
