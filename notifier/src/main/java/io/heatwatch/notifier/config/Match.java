package io.heatwatch.notifier.config;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import java.util.Set;

/**
 * Which alarms a policy is for; an empty set means any value of that field.
 *
 * @param sites the alarm's site
 * @param deviceIds the alarm's device
 * @param sensorIds the alarm's sensor (a channel's id for NOTIFICATION_FAILED)
 * @param kinds the alarm's kind
 * @param severities the alarm's severity
 */
public record Match(
    Set<String> sites,
    Set<String> deviceIds,
    Set<String> sensorIds,
    Set<AlarmKind> kinds,
    Set<Severity> severities) {

  /** Matches every alarm. */
  public static final Match ANY = new Match(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  public Match {
    sites = Set.copyOf(sites);
    deviceIds = Set.copyOf(deviceIds);
    sensorIds = Set.copyOf(sensorIds);
    kinds = Set.copyOf(kinds);
    severities = Set.copyOf(severities);
  }

  /** Whether the alarm is one this policy is for. */
  public boolean matches(Alarm alarm) {
    return any(sites, alarm.site())
        && any(deviceIds, alarm.deviceId())
        && (sensorIds.isEmpty()
            || (alarm.sensorId() != null && sensorIds.contains(alarm.sensorId())))
        && any(kinds, alarm.kind())
        && any(severities, alarm.severity());
  }

  private static <T> boolean any(Set<T> allowed, T value) {
    return allowed.isEmpty() || allowed.contains(value);
  }
}
