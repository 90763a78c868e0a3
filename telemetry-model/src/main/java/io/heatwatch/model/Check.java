package io.heatwatch.model;

import java.time.Instant;

/** Field checks shared by the records' compact constructors. */
final class Check {
  /** Site and device ids: they are MQTT topic segments and Elasticsearch id parts. */
  static final IdSyntax SEGMENT = new IdSyntax("[a-z0-9][a-z0-9-]{0,62}", "a-z0-9", "a-z0-9-", 63);

  /** Sensor ids: DS18B20 ROM ids such as {@code 28-0316a2796aff}, or names given in config. */
  static final IdSyntax SENSOR_ID =
      new IdSyntax("[A-Za-z0-9][A-Za-z0-9._-]{0,63}", "A-Za-z0-9", "A-Za-z0-9._-", 64);

  private Check() {}

  static String segment(String field, String value) {
    return matches(field, value, SEGMENT);
  }

  static String sensorId(String field, String value) {
    return matches(field, value, SENSOR_ID);
  }

  static String matches(String field, String value, IdSyntax syntax) {
    notNull(field, value);
    if (!syntax.matches(value)) {
      throw new InvalidPayloadException(field, value, "must match " + syntax.pattern());
    }
    return value;
  }

  /**
   * An id syntax of the form {@code [first][rest]{0,maxLength-1}} over ASCII, checked with two
   * lookup tables: ids are checked in every record's constructor, and the job builds records on
   * every (de)serialization, where a regex matcher per field was a tenth of its parse time.
   *
   * @param pattern the same syntax as a regex, for messages and the JSON Schemas
   */
  record IdSyntax(String pattern, boolean[] first, boolean[] rest, int maxLength) {
    IdSyntax(String pattern, String first, String rest, int maxLength) {
      this(pattern, table(first), table(rest), maxLength);
    }

    boolean matches(String value) {
      int n = value.length();
      if (n == 0 || n > maxLength || !allowed(first, value.charAt(0))) {
        return false;
      }
      for (int i = 1; i < n; i++) {
        if (!allowed(rest, value.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private static boolean allowed(boolean[] table, char c) {
      return c < table.length && table[c];
    }

    /** ASCII characters given as single characters and {@code a-z} style ranges. */
    private static boolean[] table(String spec) {
      boolean[] table = new boolean[128];
      for (int i = 0; i < spec.length(); i++) {
        char c = spec.charAt(i);
        if (i + 2 < spec.length() && spec.charAt(i + 1) == '-') {
          for (char r = c; r <= spec.charAt(i + 2); r++) {
            table[r] = true;
          }
          i += 2;
        } else {
          table[c] = true;
        }
      }
      return table;
    }
  }

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new InvalidPayloadException(field, null, "is required");
    }
    return value;
  }

  static void version(int v) {
    if (v != Versions.V1) {
      throw new InvalidPayloadException(
          "v", v, "unsupported version, this build reads v" + Versions.V1);
    }
  }

  static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new InvalidPayloadException(field, value, "must be >= 0");
    }
    return value;
  }

  static Long nonNegative(String field, Long value) {
    return value == null ? null : nonNegative(field, value.longValue());
  }

  static Double finite(String field, Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw new InvalidPayloadException(field, value, "must be a finite number");
    }
    return value;
  }

  /**
   * A temperature of any quality: finite and within {@link Limits#MIN_TEMP_C}..{@link
   * Limits#MAX_TEMP_C}.
   */
  static Double temperature(String field, Double value) {
    finite(field, value);
    if (value != null && (value < Limits.MIN_TEMP_C || value > Limits.MAX_TEMP_C)) {
      throw new InvalidPayloadException(
          field, value, "must be within " + Limits.MIN_TEMP_C + ".." + Limits.MAX_TEMP_C);
    }
    return value;
  }

  /** A derived number (a rate, a score): finite and within what a {@code float} holds. */
  static Double floatRange(String field, Double value) {
    finite(field, value);
    if (value != null && Math.abs(value) > Limits.MAX_FLOAT) {
      throw new InvalidPayloadException(field, value, "must fit a 32-bit float");
    }
    return value;
  }

  /** An instant within {@link Limits#EARLIEST_TS} (inclusive) and {@link Limits#LATEST_TS}. */
  static Instant instant(String field, Instant value) {
    if (value != null
        && (value.isBefore(Limits.EARLIEST_TS) || !value.isBefore(Limits.LATEST_TS))) {
      throw new InvalidPayloadException(
          field, value, "must be from " + Limits.EARLIEST_TS + " and before " + Limits.LATEST_TS);
    }
    return value;
  }

  static Instant requiredInstant(String field, Instant value) {
    return instant(field, notNull(field, value));
  }

  static Long duration(String field, Long seconds) {
    nonNegative(field, seconds);
    if (seconds != null && seconds > Limits.MAX_DURATION_S) {
      throw new InvalidPayloadException(
          field, seconds, "must be at most " + Limits.MAX_DURATION_S + " s (30 days)");
    }
    return seconds;
  }

  static String notEmpty(String field, String value) {
    notNull(field, value);
    if (value.isEmpty()) {
      throw new InvalidPayloadException(field, value, "must not be empty");
    }
    return value;
  }

  /** Counts characters (code points), as JSON Schema's maxLength does, not UTF-16 units. */
  static String maxLength(String field, String value, int max) {
    if (value != null && value.length() > max && value.codePointCount(0, value.length()) > max) {
      throw new InvalidPayloadException(field, value, "must be at most " + max + " characters");
    }
    return value;
  }
}
