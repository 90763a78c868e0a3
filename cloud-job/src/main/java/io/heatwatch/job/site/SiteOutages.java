package io.heatwatch.job.site;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Pipeline;
import java.time.Instant;
import java.util.Locale;

/**
 * SITE_UNREACHABLE for one site from its devices' online states: opens when the {@link
 * SiteOutageRule} holds, clears when fewer than half the site's known devices are offline. One
 * alarm for the site, so that its people get one message, not one per device (the notifier holds
 * back the DEVICE_OFFLINE alarms it stands for). Plain Java; {@link SiteUnreachableDetector} runs
 * it in Flink.
 */
public final class SiteOutages {
  private SiteOutages() {}

  /**
   * Takes in that a device of {@code site} changed from {@code before} (null: not known yet) to
   * {@code online} at {@code at}; returns the site alarm's new version if it opened or cleared,
   * else null.
   */
  public static Alarm update(
      SiteState state,
      SiteOutageRule rule,
      String site,
      Boolean before,
      boolean online,
      Instant at) {
    if (before == null) {
      state.known++;
    }
    if (before == null || before != online) {
      if (!online) {
        state.offline++;
      } else if (before != null) {
        state.offline--;
      }
    }
    int known = state.known;
    int offline = state.offline;
    if (state.open == null) {
      if (offline >= rule.minDevices() && offline >= rule.fraction() * known) {
        state.open = opened(site, offline, known, at);
        return state.open;
      }
      return null;
    }
    if (offline * 2 < known) {
      Alarm cleared =
          state.open.toBuilder()
              .version(state.open.version() + 1)
              .state(AlarmState.CLEARED)
              .updatedAt(at)
              .clearedAt(at)
              .value((double) offline)
              .message(
                  String.format(
                      Locale.ROOT,
                      "site %s reachable again: %d of %d devices offline",
                      site,
                      offline,
                      known))
              .build();
      state.open = null;
      return cleared;
    }
    return null;
  }

  /**
   * Applies an operator's command to the site's active alarm ({@link AlarmCommand#applyTo}):
   * acknowledged, its escalation stops; resolved, it is cleared, and a site still down opens a new
   * alarm at its next device change. Returns the alarm's new version, or null when the command
   * names no active alarm of the site (or acknowledges one already acknowledged).
   */
  public static Alarm command(SiteState state, AlarmCommand command) {
    Alarm active = state.open;
    if (active == null || !active.alarmId().equals(command.alarmId())) {
      return null;
    }
    Alarm changed = command.applyTo(active);
    if (changed != null) {
      state.open = changed.state() == AlarmState.CLEARED ? null : changed;
    }
    return changed;
  }

  private static Alarm opened(String site, int offline, int known, Instant at) {
    return Alarm.builder()
        // the site as the sensor: one alarm per site, and its id names the site
        .alarmId(Alarm.idFor(Pipeline.DEVICE_ID, site, AlarmKind.SITE_UNREACHABLE, at))
        .site(site)
        .deviceId(Pipeline.DEVICE_ID)
        .sensorId(site)
        .kind(AlarmKind.SITE_UNREACHABLE)
        .severity(Severity.CRITICAL)
        .openedAt(at)
        .updatedAt(at)
        .value((double) offline)
        .threshold((double) known)
        .message(
            String.format(
                Locale.ROOT, "site %s unreachable: %d of %d devices offline", site, offline, known))
        .build();
  }
}
