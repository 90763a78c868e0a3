package io.heatwatch.notifier.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Durations;
import io.heatwatch.notifier.route.MaintenanceWindow;
import io.heatwatch.notifier.route.QuietHours;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the routing keys ({@code groupWindow}, {@code flapWindow}, {@code maintenance}) and a
 * recipient's {@code quietHours}, adding each problem with its path as the rest of the file does.
 */
final class RoutingReader {
  static final Set<String> ROOT_KEYS = Set.of("groupWindow", "flapWindow", "maintenance");
  private static final Set<String> QUIET_KEYS = Set.of("from", "until", "zone");
  private static final Set<String> WINDOW_KEYS =
      Set.of("id", "from", "until", "sites", "deviceIds", "by", "reason");

  private final List<String> problems;

  RoutingReader(List<String> problems) {
    this.problems = problems;
  }

  RoutingSettings read(JsonNode root) {
    Duration group = duration(root, "groupWindow", RoutingSettings.DEFAULT_GROUP_WINDOW);
    Duration flap = duration(root, "flapWindow", RoutingSettings.DEFAULT_FLAP_WINDOW);
    List<MaintenanceWindow> windows = new ArrayList<>();
    JsonNode list = root.get("maintenance");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        problems.add("maintenance: must be a list of windows");
      } else {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
          MaintenanceWindow w = window(list.get(i), "maintenance[" + i + "]");
          if (w != null && !ids.add(w.id())) {
            problems.add("maintenance[" + i + "].id: \"" + w.id() + "\" is used twice");
          } else if (w != null) {
            windows.add(w);
          }
        }
      }
    }
    return new RoutingSettings(group, flap, windows);
  }

  /** One maintenance window, {@code path} naming it in problems; null if it has any. */
  MaintenanceWindow window(JsonNode w, String path) {
    if (w == null || !w.isObject()) {
      problems.add(path + ": must be a mapping with id, from, until, by, reason");
      return null;
    }
    Trees.keys(problems, w, path, WINDOW_KEYS);
    int before = problems.size();
    String id = Trees.text(problems, w, path, "id");
    Instant from = instant(w, path, "from");
    Instant until = instant(w, path, "until");
    String by = Trees.text(problems, w, path, "by");
    String reason = w.has("reason") ? Trees.text(problems, w, path, "reason") : "";
    Set<String> sites = Trees.set(problems, w, path, "sites", Function.identity());
    Set<String> devices = Trees.set(problems, w, path, "deviceIds", Function.identity());
    if (problems.size() > before) {
      return null;
    }
    try {
      return new MaintenanceWindow(id, from, until, sites, devices, by, reason);
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  /** A recipient's quiet hours ({@code from}, {@code until} as HH:MM, {@code zone}), or null. */
  QuietHours quietHours(JsonNode q, String path) {
    if (q == null || q.isNull()) {
      return null;
    }
    if (!q.isObject()) {
      problems.add(path + ": must be a mapping with from, until, zone");
      return null;
    }
    Trees.keys(problems, q, path, QUIET_KEYS);
    String from = Trees.text(problems, q, path, "from");
    String until = Trees.text(problems, q, path, "until");
    String zone = Trees.text(problems, q, path, "zone");
    if (from == null || until == null || zone == null) {
      return null;
    }
    try {
      return new QuietHours(LocalTime.parse(from), LocalTime.parse(until), ZoneId.of(zone));
    } catch (DateTimeException | IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  private Instant instant(JsonNode node, String path, String key) {
    String text = Trees.text(problems, node, path, key);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      problems.add(Trees.at(path, key) + ": not an instant like 2026-12-05T22:00:00Z: " + text);
      return null;
    }
  }

  private Duration duration(JsonNode root, String key, Duration otherwise) {
    if (!root.has(key)) {
      return otherwise;
    }
    String text = Trees.text(problems, root, "", key);
    if (text == null) {
      return otherwise;
    }
    try {
      Duration d = Durations.parse(key, text);
      if (d.isNegative()) {
        problems.add(key + ": must be >= 0, got \"" + text + "\"");
        return otherwise;
      }
      return d;
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage().startsWith(key) ? e.getMessage() : key + ": " + e.getMessage());
      return otherwise;
    }
  }
}
