package io.heatwatch.model;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads the original prototype's records from Kafka topic {@code temperature_msg}: {@code
 * {"createTime":"2020-08-12 06:29:02","orderId":1597213797,"tempAmount":29.159}}.
 *
 * <p>They become readings of site, device and sensor {@code legacy} with {@code seq = orderId}.
 */
public final class LegacyCodec {
  /** Site, device and sensor id given to legacy records. */
  public static final String LEGACY_ID = "legacy";

  // STRICT: the default SMART resolver would turn 2020-02-30 into 2020-02-29 without a word.
  // Fixed-width fields: "uuuu" would also take a signed year such as -2020.
  private static final DateTimeFormatter CREATE_TIME =
      new DateTimeFormatterBuilder()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 2)
          .appendLiteral(' ')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .toFormatter(Locale.ROOT)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);

  private LegacyCodec() {}

  /**
   * One legacy record as a reading; {@code zone} is the zone the prototype wrote local times in.
   */
  public static Reading decode(byte[] payload, ZoneId zone) {
    JsonFields f = new JsonFields(TelemetryCodec.parse(payload), "legacy temperature_msg record");
    String createTime = Check.notNull("createTime", f.text("createTime"));
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(createTime, CREATE_TIME);
    } catch (DateTimeParseException e) {
      throw new InvalidPayloadException(
          "createTime", createTime, "expected yyyy-MM-dd HH:mm:ss", e);
    }
    // Checked under the legacy names, so a rejection names a field the payload actually has.
    long orderId = Check.nonNegative("orderId", f.requiredInteger("orderId"));
    double temp = Check.notNull("tempAmount", Check.finite("tempAmount", f.number("tempAmount")));
    Quality quality =
        temp < Reading.MIN_C || temp > Reading.MAX_C ? Quality.OUT_OF_RANGE : Quality.OK;
    return new Reading(
        Versions.V1,
        LEGACY_ID,
        LEGACY_ID,
        LEGACY_ID,
        orderId,
        local.atZone(zone).toInstant(),
        temp,
        quality,
        null);
  }
}
