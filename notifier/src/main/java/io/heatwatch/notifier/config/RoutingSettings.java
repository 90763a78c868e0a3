package io.heatwatch.notifier.config;

import io.heatwatch.notifier.route.MaintenanceWindow;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How notifications are grouped and held back (notifier/README.md, "Routing").
 *
 * @param groupWindow after a message to a recipient and channel about a site, the others about that
 *     site in this long go together as one message at its end; zero sends each at once
 * @param flapWindow an alarm of a sensor (site, device, sensor, kind) that opens again this soon
 *     after one that was notified is not notified as new; its escalation still is
 * @param maintenance the maintenance windows in which alarms are not notified
 */
public record RoutingSettings(
    Duration groupWindow, Duration flapWindow, List<MaintenanceWindow> maintenance) {
  public static final Duration DEFAULT_GROUP_WINDOW = Duration.ofMinutes(1);
  public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofMinutes(30);
  public static final RoutingSettings DEFAULTS =
      new RoutingSettings(DEFAULT_GROUP_WINDOW, DEFAULT_FLAP_WINDOW, List.of());

  public RoutingSettings {
    Objects.requireNonNull(groupWindow, "groupWindow");
    Objects.requireNonNull(flapWindow, "flapWindow");
    if (groupWindow.isNegative() || flapWindow.isNegative()) {
      throw new IllegalArgumentException(
          "groupWindow and flapWindow must be >= 0, got " + groupWindow + ", " + flapWindow);
    }
    maintenance = List.copyOf(maintenance);
  }
}
