package io.heatwatch.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The contract's bounds, in one place: every value a payload may carry fits what the stages behind
 * the bridge can store (a {@code long} of epoch millis, an Elasticsearch {@code float}, a Kafka
 * record under the producer's request limit), so the bridge refuses what they would fail on.
 */
public final class Limits {
  /**
   * Earliest instant any contract record may carry (inclusive): the Unix epoch, where a Raspberry
   * Pi without a real-time clock or a saved time starts; its readings are real measurements.
   */
  public static final Instant EARLIEST_TS = Instant.EPOCH;

  /** Latest instant any contract record may carry (exclusive). */
  public static final Instant LATEST_TS = Instant.parse("2100-01-01T00:00:00Z");

  /** Lowest temperature of any quality: absolute zero. */
  public static final double MIN_TEMP_C = -273.15;

  /**
   * Highest temperature of any quality: what a DS18B20's 16-bit register can report (2047.9375 °C),
   * far inside a {@code float}.
   */
  public static final double MAX_TEMP_C = 2048.0;

  /** Largest magnitude of a derived number (a rate, a score): what a {@code float} holds. */
  public static final double MAX_FLOAT = Float.MAX_VALUE;

  /** Most MQTT v5 user properties a message may carry; each becomes a Kafka header. */
  public static final int MAX_USER_PROPERTIES = 16;

  /** Most UTF-8 bytes of all user property names and values of one message together. */
  public static final int MAX_USER_PROPERTIES_BYTES = 4096;

  /** Most readings in one batch payload. */
  public static final int MAX_BATCH_READINGS = 4096;

  /** Default bound on the distinct sensor ids one device may present (configurable per stage). */
  public static final int DEFAULT_MAX_SENSORS_PER_DEVICE = 64;

  /** Longest duration a setting may name, in seconds (30 days): its millis never overflow. */
  public static final long MAX_DURATION_S = 30L * 24 * 3600;

  private Limits() {}

  /**
   * Refuses user properties beyond {@link #MAX_USER_PROPERTIES} or {@link
   * #MAX_USER_PROPERTIES_BYTES}.
   */
  public static void checkUserProperties(List<Map.Entry<String, String>> properties) {
    if (properties.size() > MAX_USER_PROPERTIES) {
      throw new InvalidPayloadException(
          "userProperties",
          properties.size() + " properties",
          "at most " + MAX_USER_PROPERTIES + " user properties are allowed");
    }
    long bytes = 0;
    for (Map.Entry<String, String> property : properties) {
      bytes += utf8Length(property.getKey()) + utf8Length(property.getValue());
    }
    if (bytes > MAX_USER_PROPERTIES_BYTES) {
      throw new InvalidPayloadException(
          "userProperties",
          bytes + " bytes",
          "user properties may hold at most " + MAX_USER_PROPERTIES_BYTES + " bytes");
    }
  }

  private static int utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }
}
