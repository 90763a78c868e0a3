package io.heatwatch.model;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the original prototype's records from Kafka topic {@code temperature_msg}: {@code
 * {"createTime":"2020-08-12 06:29:02","orderId":1597213797,"tempAmount":29.159}}.
 *
 * <p>They become readings of site, device and sensor {@code legacy} with {@code seq = orderId}.
 */
public final class LegacyCodec {
  /** Site, device and sensor id given to legacy records. */
  public static final String LEGACY_ID = "legacy";

  private static final DateTimeFormatter CREATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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
    long orderId = f.requiredInteger("orderId");
    double temp = Check.notNull("tempAmount", f.number("tempAmount"));
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
