package io.heatwatch.model;

import java.time.Instant;

/**
 * One temperature reading of one sensor; {@code (deviceId, seq)} identifies it everywhere.
 *
 * @param v wire contract version, always {@link Versions#V1}
 * @param site site id (MQTT topic segment)
 * @param deviceId device id (MQTT topic segment), unique within the fleet
 * @param sensorId sensor id, e.g. the DS18B20 ROM id {@code 28-0316a2796aff}
 * @param seq per-device, strictly increasing sequence number that survives restarts
 * @param ts event time: when the sensor was read
 * @param tempC temperature in °C, {@code null} when the sensor gave no value
 * @param quality how far {@code tempC} can be trusted
 * @param bootId id of the agent process run that produced the reading, may be {@code null}
 */
public record Reading(
    int v,
    String site,
    String deviceId,
    String sensorId,
    long seq,
    Instant ts,
    Double tempC,
    Quality quality,
    String bootId) {

  /** Lowest temperature a DS18B20 can measure. */
  public static final double MIN_C = -55.0;

  /** Highest temperature a DS18B20 can measure. */
  public static final double MAX_C = 125.0;

  public Reading {
    Check.version(v);
    Check.segment("site", site);
    Check.segment("deviceId", deviceId);
    Check.sensorId("sensorId", sensorId);
    Check.nonNegative("seq", seq);
    Check.notNull("ts", ts);
    Check.notNull("quality", quality);
    Check.finite("tempC", tempC);
    Check.maxLength("bootId", bootId, 64);
    if (quality == Quality.OK && tempC == null) {
      throw new InvalidPayloadException("tempC", null, "is required when quality is OK");
    }
    if (quality == Quality.OK && (tempC < MIN_C || tempC > MAX_C)) {
      throw new InvalidPayloadException(
          "tempC", tempC, "must be within " + MIN_C + ".." + MAX_C + " when quality is OK");
    }
  }

  /** A reading with a trusted value, as most tests and the simulator make them. */
  public static Reading ok(
      String site, String deviceId, String sensorId, long seq, Instant ts, double tempC) {
    return new Reading(Versions.V1, site, deviceId, sensorId, seq, ts, tempC, Quality.OK, null);
  }

  /** The id this reading has in Elasticsearch and in every dedupe: {@code deviceId:seq}. */
  public String id() {
    return deviceId + ":" + seq;
  }

  /** This reading with another boot id. */
  public Reading withBootId(String newBootId) {
    return new Reading(v, site, deviceId, sensorId, seq, ts, tempC, quality, newBootId);
  }
}
