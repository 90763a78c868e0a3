package io.heatwatch.notifier.channel;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words every channel sends: a subject line, a body, and one short line for SMS and push. Every
 * text is bounded, so a long alarm message or a big group never exceeds what a channel takes.
 */
public final class MessageText {
  /** Longest subject: mail clients show about 80 characters, RFC 5322 lines stop at 998. */
  public static final int MAX_SUBJECT = 160;

  /** Longest body: a chat post or an e-mail that still reads on a phone. */
  public static final int MAX_BODY = 3000;

  /** How many alarms a grouped body lists one by one before "… and n more". */
  static final int MAX_LISTED = 20;

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");

  /** Kinds whose value and threshold are a temperature or a rate, worth a subject's space. */
  private static final java.util.Set<AlarmKind> NUMBERED =
      java.util.EnumSet.of(
          AlarmKind.HIGH,
          AlarmKind.LOW,
          AlarmKind.SPIKE,
          AlarmKind.TREND,
          AlarmKind.RATE_OF_CHANGE);

  private MessageText() {}

  /** One line: "[CRITICAL] HIGH cold-store-b/freezer-2 -19.0 °C > -15 °C", or a group's summary. */
  public static String subject(Message m) {
    if (m.about().size() > 1) {
      return cut(groupLine(m.about()), MAX_SUBJECT);
    }
    return cut(line(m.first()), MAX_SUBJECT);
  }

  /** The plain-text body: what, where, why now, the ack link; bounded by {@link #MAX_BODY}. */
  public static String body(Message m) {
    StringBuilder b = new StringBuilder(details(m));
    if (m.ackUrl() != null) {
      b.append("\nI'm on it: ").append(m.ackUrl()).append('\n');
    }
    b.append("\nSent by heatwatch. Replies are not read.\n");
    return cut(b.toString(), MAX_BODY);
  }

  /**
   * What, where and why now, without the ack link (chat presets show it as a button or link);
   * bounded by {@link #MAX_BODY}.
   */
  public static String details(Message m) {
    StringBuilder b = new StringBuilder();
    if (m.about().size() > 1) {
      b.append(groupLine(m.about())).append("\n\n");
      int listed = Math.min(MAX_LISTED, m.about().size());
      for (int i = 0; i < listed; i++) {
        b.append("- ").append(line(m.about().get(i))).append('\n');
      }
      if (m.about().size() > listed) {
        b.append("… and ").append(m.about().size() - listed).append(" more\n");
      }
    } else {
      details(b, m.first());
    }
    return cut(b.toString(), MAX_BODY - 200);
  }

  /** The subject followed by the ack link, cut to {@code max} (SMS, push titles). */
  public static String shortText(Message m, int max) {
    String s = subject(m);
    if (m.ackUrl() != null && s.length() + m.ackUrl().length() + 1 <= max) {
      s = s + " " + m.ackUrl();
    }
    return cut(s, max);
  }

  /** {@code text} if it fits in {@code max} characters, else its start and "…". */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a character in two
    }
    return text.substring(0, end) + "…";
  }

  /**
   * {@code text} on one line: runs of control characters (a line break in who acknowledged, in a
   * comment) become one space, so a subject or a header value cannot start a new header.
   */
  static String oneLine(String text) {
    return CONTROL.matcher(text).replaceAll(" ");
  }

  static String line(Notification n) {
    return oneLine(rawLine(n));
  }

  private static String rawLine(Notification n) {
    Alarm a = n.alarm();
    if (n.reason() == Reason.TEST) {
      return "[TEST] heatwatch test of channel " + a.sensorId() + " at " + a.site();
    }
    String tag = n.reason() == Reason.CLEARED ? "CLEARED" : a.severity().name();
    StringBuilder s = new StringBuilder("[").append(tag).append("] ");
    switch (n.reason()) {
      case ESCALATED -> s.append("ESCALATED (level ").append(n.level()).append(") ");
      case REMINDER -> s.append("REMINDER ").append(n.count()).append(' ');
      case ACKNOWLEDGED -> s.append("ACKNOWLEDGED ");
      default -> {}
    }
    s.append(a.kind()).append(' ').append(where(a));
    switch (n.reason()) {
      case CLEARED -> s.append(" cleared after ").append(duration(openFor(a)));
      case ACKNOWLEDGED -> s.append(" by ").append(a.ackedBy() == null ? "someone" : a.ackedBy());
      default -> {
        if (NUMBERED.contains(a.kind())) {
          String v = valueVsThreshold(a);
          if (!v.isEmpty()) {
            s.append(' ').append(v);
          }
        } else if (a.message() != null && !a.message().isBlank()) {
          // a device offline, a site unreachable, a stage stalled: its words say more than numbers
          s.append(": ").append(a.message());
        }
      }
    }
    return s.toString();
  }

  private static void details(StringBuilder b, Notification n) {
    Alarm a = n.alarm();
    b.append(line(n)).append("\n\n");
    if (n.reason() == Reason.TEST) {
      b.append("This is a test: no alarm is open. If you read it, heatwatch's alarms reach you\n");
      b.append("through this channel.\n\n");
      b.append("Why now:  ").append(whyNow(n)).append('\n');
      b.append("Test:     ").append(a.alarmId()).append('\n');
      return;
    }
    b.append("What:     ").append(a.kind()).append(", ").append(a.severity()).append('\n');
    b.append("Where:    site ").append(a.site()).append(", device ").append(a.deviceId());
    if (a.sensorId() != null) {
      b.append(", ").append(sensorLabel(a.kind())).append(' ');
      b.append(a.sensorId());
    }
    b.append('\n');
    String v = valueVsThreshold(a);
    if (!v.isEmpty()) {
      b.append("Value:    ").append(v).append('\n');
    }
    b.append("Why now:  ").append(whyNow(n)).append('\n');
    b.append("Opened:   ").append(a.openedAt()).append('\n');
    if (a.excursion() != null) {
      Alarm.Excursion e = a.excursion();
      b.append("Excursion: ")
          .append(duration(Duration.ofSeconds(e.durationS())))
          .append(", peak ")
          .append(celsius(e.peakC()))
          .append(", mean ")
          .append(celsius(e.meanC()))
          .append(", MKT ")
          .append(celsius(e.mktC()))
          .append('\n');
    }
    if (a.message() != null && !a.message().isBlank()) {
      b.append("Detail:   ").append(a.message()).append('\n');
    }
    b.append("Alarm:    ").append(a.alarmId()).append('\n');
  }

  /** What sensorId names: a sensor, or for the notifier's and the watchdog's alarms a part. */
  private static String sensorLabel(AlarmKind kind) {
    return switch (kind) {
      case NOTIFICATION_FAILED -> "channel";
      case PIPELINE_STALLED -> "stage";
      default -> "sensor";
    };
  }

  private static String whyNow(Notification n) {
    Alarm a = n.alarm();
    return switch (n.reason()) {
      case OPENED -> "the alarm opened";
      case ESCALATED -> "nobody acknowledged it: escalated to level " + n.level();
      case REMINDER -> "still open and not acknowledged, reminder " + n.count();
      case ACKNOWLEDGED ->
          "acknowledged by "
              + (a.ackedBy() == null ? "someone" : a.ackedBy())
              + (a.ackComment() == null || a.ackComment().isBlank()
                  ? ""
                  : ": \"" + a.ackComment() + "\"");
      case CLEARED -> "the condition ended after " + duration(openFor(a));
      case TEST -> a.message();
    };
  }

  private static String groupLine(List<Notification> about) {
    String tag =
        about.stream().anyMatch(n -> n.alarm().severity() == Alarm.Severity.CRITICAL)
            ? "CRITICAL"
            : "WARNING";
    long sites = about.stream().map(n -> n.alarm().site()).distinct().count();
    String where = sites == 1 ? "at " + about.get(0).alarm().site() : "at " + sites + " sites";
    return "[" + tag + "] " + about.size() + " alarms " + where;
  }

  private static String where(Alarm a) {
    if (a.kind() == AlarmKind.SITE_UNREACHABLE) {
      return a.site();
    }
    return a.site()
        + "/"
        + a.deviceId()
        + (a.sensorId() == null || a.kind() == AlarmKind.NOTIFICATION_FAILED
            ? ""
            : "/" + a.sensorId());
  }

  private static String valueVsThreshold(Alarm a) {
    if (a.value() == null) {
      return "";
    }
    boolean temperature =
        a.kind() == AlarmKind.HIGH
            || a.kind() == AlarmKind.LOW
            || a.kind() == AlarmKind.SPIKE
            || a.kind() == AlarmKind.TREND;
    // The reading with its one decimal (sensors resolve 0.1 °C or better), the threshold as set.
    String value = String.format(Locale.ROOT, "%.1f", a.value()) + (temperature ? " °C" : "");
    if (a.threshold() == null) {
      return value;
    }
    String threshold = temperature ? celsius(a.threshold()) : number(a.threshold());
    String op = a.kind() == AlarmKind.LOW ? " < " : a.kind() == AlarmKind.HIGH ? " > " : " vs ";
    return value + op + threshold;
  }

  private static Duration openFor(Alarm a) {
    if (a.excursion() != null) {
      return Duration.ofSeconds(a.excursion().durationS());
    }
    return Duration.between(a.openedAt(), a.clearedAt() == null ? a.updatedAt() : a.clearedAt());
  }

  /** "42 min", "2 h 5 min", "30 s": how people say it, not ISO-8601. */
  static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    long min = s / 60;
    if (min < 60) {
      return min + " min";
    }
    long h = min / 60;
    return h + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
  }

  private static String celsius(double c) {
    return number(c) + " °C";
  }

  private static String number(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e6
        ? String.valueOf((long) x)
        : String.format(Locale.ROOT, "%.1f", x);
  }
}
