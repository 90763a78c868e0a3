package io.heatwatch.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * heatwatch's one duration syntax, in every module's settings: a whole number and a unit, {@code
 * 500 ms}, {@code 30 s}, {@code 5 min}, {@code 12 h}, {@code 7 d} (the space is optional). It is
 * the syntax of Flink's {@code TimeUtils}, which the job's settings use, so one value reads the
 * same everywhere. ISO-8601 ({@code PT30S}) is still read, for settings files written before.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([a-z]+)");

  private static final Map<String, Duration> UNITS =
      Map.ofEntries(
          Map.entry("ms", Duration.ofMillis(1)),
          Map.entry("milli", Duration.ofMillis(1)),
          Map.entry("millis", Duration.ofMillis(1)),
          Map.entry("millisecond", Duration.ofMillis(1)),
          Map.entry("milliseconds", Duration.ofMillis(1)),
          Map.entry("s", Duration.ofSeconds(1)),
          Map.entry("sec", Duration.ofSeconds(1)),
          Map.entry("secs", Duration.ofSeconds(1)),
          Map.entry("second", Duration.ofSeconds(1)),
          Map.entry("seconds", Duration.ofSeconds(1)),
          Map.entry("m", Duration.ofMinutes(1)),
          Map.entry("min", Duration.ofMinutes(1)),
          Map.entry("minute", Duration.ofMinutes(1)),
          Map.entry("minutes", Duration.ofMinutes(1)),
          Map.entry("h", Duration.ofHours(1)),
          Map.entry("hour", Duration.ofHours(1)),
          Map.entry("hours", Duration.ofHours(1)),
          Map.entry("d", Duration.ofDays(1)),
          Map.entry("day", Duration.ofDays(1)),
          Map.entry("days", Duration.ofDays(1)));

  private Durations() {}

  /**
   * Reads the setting {@code key}'s value {@code text}; throws {@link IllegalArgumentException}
   * naming the key and the text when it is not a duration.
   */
  public static Duration parse(String key, String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Matcher m = FORM.matcher(t);
    if (m.matches() && UNITS.containsKey(m.group(2))) {
      try {
        return UNITS.get(m.group(2)).multipliedBy(Long.parseLong(m.group(1)));
      } catch (ArithmeticException | NumberFormatException e) {
        throw invalid(key, text);
      }
    }
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(key, text);
      }
    }
    throw invalid(key, text);
  }

  /**
   * {@code value} in the one syntax, in the largest unit that divides it: {@code 90 s}, {@code 12
   * h}.
   */
  public static String format(Duration value) {
    long ms = value.toMillis();
    if (ms != 0 && ms % 86_400_000 == 0) {
      return ms / 86_400_000 + " d";
    }
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + " h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + " min";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + " s";
    }
    return ms + " ms";
  }

  private static IllegalArgumentException invalid(String key, String text) {
    return new IllegalArgumentException(
        key
            + ": '"
            + text
            + "' is not a duration; write a number and a unit, e.g. 500 ms, 30 s, 5 min, 12 h, 7 d");
  }
}
