package io.heatwatch.model;

import java.util.regex.Pattern;

/** Field checks shared by the records' compact constructors. */
final class Check {
  /** Site and device ids: they are MQTT topic segments and Elasticsearch id parts. */
  static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** Sensor ids: DS18B20 ROM ids such as {@code 28-0316a2796aff}, or names given in config. */
  static final Pattern SENSOR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Check() {}

  static String segment(String field, String value) {
    return matches(field, value, SEGMENT);
  }

  static String sensorId(String field, String value) {
    return matches(field, value, SENSOR_ID);
  }

  static String matches(String field, String value, Pattern pattern) {
    notNull(field, value);
    if (!pattern.matcher(value).matches()) {
      throw new InvalidPayloadException(field, value, "must match " + pattern.pattern());
    }
    return value;
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
