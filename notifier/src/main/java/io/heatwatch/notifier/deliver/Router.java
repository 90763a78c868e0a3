package io.heatwatch.notifier.deliver;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.notifier.config.Recipient;
import io.heatwatch.notifier.config.RoutingSettings;
import io.heatwatch.notifier.config.Target;
import io.heatwatch.notifier.route.MaintenanceWindow;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides, before a notification is claimed, whether it goes at once, waits (quiet hours, or a
 * site's group window) or is not sent at all (a maintenance window, the site's SITE_UNREACHABLE
 * alarm, a flapping alarm), with the reason the delivery log keeps. Its memory is rebuilt from the
 * delivery log at start ({@link #observe}), except the group windows: after a restart the first
 * alarm of a site goes at once again.
 */
final class Router {
  /** Per-device alarms a site's SITE_UNREACHABLE stands for while it is open. */
  static final Set<AlarmKind> SITE_COVERS =
      Set.of(AlarmKind.DEVICE_OFFLINE, AlarmKind.SENSOR_SILENT);

  private static final int MAX_REMEMBERED = 50_000;

  /**
   * When a notification goes: at {@code due} (null: now), with the others of its {@code batch};
   * {@code detail} says why it waits.
   */
  record Decision(Instant due, String batch, String detail) {}

  private record Hold(String why, Instant until) {}

  private final RoutingSettings settings;
  private final Map<String, Recipient> recipients;

  /** Open SITE_UNREACHABLE alarm id per site. */
  private final Map<String, String> siteAlarms = new HashMap<>();

  /** Alarms not announced, and until when their notifications are held back (null: for good). */
  private final Map<String, Hold> held = bounded();

  /** When each sensor's alarm (site/device/sensor/kind) was last announced as opened. */
  private final Map<String, Instant> announced = bounded();

  /** The intent ids already observed: each changes the memory once. */
  private final Map<String, Boolean> observed = bounded();

  /** Per target and site: when the group window that is open now started. */
  private final Map<String, Instant> groups = new HashMap<>();

  Router(RoutingSettings settings, Map<String, Recipient> recipients) {
    this.settings = settings;
    this.recipients = Map.copyOf(recipients);
  }

  /**
   * Takes in what {@code intent} says about the alarms (a site unreachable or back, an alarm that
   * flaps or falls in maintenance) at {@code now}; returns why its notifications are not sent, or
   * null if they are. Seeing the same intent again returns the same answer and changes nothing.
   */
  synchronized String observe(Notification intent, Instant now) {
    Alarm alarm = intent.alarm();
    String id = intent.alarmId();
    boolean first = observed.put(intent.id(), Boolean.TRUE) == null;
    if (alarm.kind() == AlarmKind.SITE_UNREACHABLE && first) {
      if (intent.reason() == Reason.CLEARED) {
        siteAlarms.remove(alarm.site(), id);
      } else {
        siteAlarms.put(alarm.site(), id);
      }
    }
    Hold hold = held.get(id);
    if (hold != null) {
      if (intent.reason() == Reason.CLEARED || hold.until() == null || now.isBefore(hold.until())) {
        return hold.why();
      }
      held.remove(id); // it outlasted its hold: from now on it is announced like any other
      return null;
    }
    if (intent.reason() != Reason.OPENED || !first) {
      return null;
    }
    String site = siteAlarms.get(alarm.site());
    if (site != null && SITE_COVERS.contains(alarm.kind())) {
      return hold(id, "suppressed by " + site + ": the site is unreachable", null);
    }
    for (MaintenanceWindow w : settings.maintenance()) {
      if (w.covers(alarm, now)) {
        return hold(
            id,
            "maintenance " + w.id() + " by " + w.by() + " until " + w.until() + ": " + w.reason(),
            w.until());
      }
    }
    String sensor =
        alarm.site() + "/" + alarm.deviceId() + "/" + alarm.sensorId() + "/" + alarm.kind();
    Instant last = announced.get(sensor);
    if (last != null && now.isBefore(last.plus(settings.flapWindow()))) {
      Instant until = last.plus(settings.flapWindow());
      return hold(
          id,
          "flapping: opened again within " + settings.flapWindow() + " of the last one announced",
          until);
    }
    announced.put(sensor, now);
    return null;
  }

  private String hold(String alarmId, String why, Instant until) {
    held.put(alarmId, new Hold(why, until));
    return why;
  }

  /**
   * Why a notification that has waited (in a group window) is not to be sent now, or null: its
   * alarm is one the site's SITE_UNREACHABLE, raised meanwhile, stands for. Its later notifications
   * are not sent either.
   */
  synchronized String coveredBySite(Notification intent) {
    Alarm alarm = intent.alarm();
    String site = siteAlarms.get(alarm.site());
    if (site == null || intent.reason() != Reason.OPENED || !SITE_COVERS.contains(alarm.kind())) {
      return null;
    }
    return hold(intent.alarmId(), "suppressed by " + site + ": the site is unreachable", null);
  }

  /** When and with what {@code intent} goes to {@code target} at {@code now}. */
  synchronized Decision route(Notification intent, Target target, Instant now) {
    Recipient r = target.recipient() == null ? null : recipients.get(target.recipient());
    if (r != null && r.quietHours() != null) {
      Instant release = r.quietHours().releaseAt(intent.alarm().severity(), now);
      if (release.isAfter(now)) {
        return new Decision(release, "quiet", "held: quiet hours until " + release);
      }
    }
    if (settings.groupWindow().isZero()) {
      return new Decision(null, null, null);
    }
    String batch = "site:" + intent.alarm().site();
    String key = target.recipient() + "|" + target.channel() + "|" + batch;
    Instant start = groups.get(key);
    if (start != null && now.isBefore(start.plus(settings.groupWindow()))) {
      Instant end = start.plus(settings.groupWindow());
      return new Decision(end, batch, "grouped: with the site's others at " + end);
    }
    groups.put(key, now);
    if (groups.size() > MAX_REMEMBERED) {
      groups.values().removeIf(s -> !now.isBefore(s.plus(settings.groupWindow())));
    }
    return new Decision(null, batch, null);
  }

  private static <V> Map<String, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_REMEMBERED;
      }
    };
  }
}
