package io.heatwatch.notifier.ack;

import io.heatwatch.model.Alarm;
import java.util.Optional;

/** The small HTML pages of the acknowledgement link; everything from outside is escaped. */
final class AckPages {
  private AckPages() {}

  static String confirm(AckToken token, Optional<Alarm> alarm) {
    return page(
        "Acknowledge alarm",
        "<p>Acknowledge alarm "
            + describe(alarm, token.alarmId())
            + "?</p>"
            + "<form method=\"post\"><button type=\"submit\">I'm on it</button></form>");
  }

  static String acknowledged(String name, Optional<Alarm> alarm, String alarmId) {
    return page(
        "Acknowledged",
        "<p>Alarm "
            + describe(alarm, alarmId)
            + " acknowledged by "
            + escape(name)
            + ". The others are told who took it.</p>");
  }

  static String alreadyAcknowledged(UsedAck used) {
    return page(
        "Already acknowledged",
        "<p>Already acknowledged by "
            + escape(used.by())
            + " at "
            + escape(used.at().toString())
            + ".</p>");
  }

  static String expired() {
    return message("Link expired", "This link has expired. Acknowledge the alarm in the console.");
  }

  static String invalid() {
    return message(
        "Link not valid", "This link is not valid. Acknowledge the alarm in the console.");
  }

  static String tryAgain() {
    return message("Not recorded", "The acknowledgement could not be recorded. Please try again.");
  }

  static String message(String title, String text) {
    return page(title, "<p>" + escape(text) + "</p>");
  }

  private static String describe(Optional<Alarm> alarm, String alarmId) {
    if (alarm.isEmpty()) {
      return escape(alarmId);
    }
    Alarm a = alarm.get();
    String where = a.site() + "/" + a.deviceId() + (a.sensorId() == null ? "" : "/" + a.sensorId());
    return escape(a.kind().name()) + " at " + escape(where);
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width\"><title>"
        + escape(title)
        + " - heatwatch</title></head><body><h1>"
        + escape(title)
        + "</h1>"
        + body
        + "</body></html>";
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
