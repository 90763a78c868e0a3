package io.heatwatch.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * An alarm's excursion summary ({@code Alarm.excursion}, set when a HIGH or LOW clears) in the
 * words the alarm list shows, so that the page and its tests read one rendering.
 */
final class Excursions {
  private Excursions() {}

  /**
   * "lasted 42 min, peak 11.3 °C, mean 9.8 °C, MKT 9.9 °C"; null when the alarm has no summary or
   * it lacks a field.
   */
  static String summary(JsonNode alarm) {
    JsonNode e = alarm.path("excursion");
    JsonNode duration = e.path("durationS");
    JsonNode peak = e.path("peakC");
    JsonNode mean = e.path("meanC");
    JsonNode mkt = e.path("mktC");
    if (!duration.isNumber() || !peak.isNumber() || !mean.isNumber() || !mkt.isNumber()) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "lasted %s, peak %.1f °C, mean %.1f °C, MKT %.1f °C",
        duration(duration.asLong()),
        peak.asDouble(),
        mean.asDouble(),
        mkt.asDouble());
  }

  /** Whole minutes under a day ("42 min", "3 h 5 min"), seconds under a minute ("40 s"). */
  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    return minutes % 60 == 0 ? hours + " h" : hours + " h " + minutes % 60 + " min";
  }
}
