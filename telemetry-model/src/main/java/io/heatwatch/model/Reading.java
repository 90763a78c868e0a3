package io.heatwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param clockUnsynced {@code true} when the device knew its clock was not yet synchronised when it
 *     took the reading (its {@code ts} may be far off); {@code null} otherwise
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
    String bootId,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean clockUnsynced) {

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
    Check.requiredInstant("ts", ts);
    Check.notNull("quality", quality);
    Check.temperature("tempC", tempC);
    Check.maxLength("bootId", bootId, 64);
    if (quality == Quality.OK && tempC == null) {
      throw new InvalidPayloadException("tempC", null, "is required when quality is OK");
    }
    if (quality == Quality.OK && (tempC < MIN_C || tempC > MAX_C)) {
      throw new InvalidPayloadException(
          "tempC", tempC, "must be within " + MIN_C + ".." + MAX_C + " when quality is OK");
    }
  }

  /** A reading from a device whose clock is not known to be unsynchronised. */
  public Reading(
      int v,
      String site,
      String deviceId,
      String sensorId,
      long seq,
      Instant ts,
      Double tempC,
      Quality quality,
      String bootId) {
    this(v, site, deviceId, sensorId, seq, ts, tempC, quality, bootId, null);
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
    return new Reading(
        v, site, deviceId, sensorId, seq, ts, tempC, quality, newBootId, clockUnsynced);
  }

  /** This reading marked as taken with an unsynchronised clock, or not. */
  public Reading withClockUnsynced(boolean unsynced) {
    return new Reading(
        v, site, deviceId, sensorId, seq, ts, tempC, quality, bootId, unsynced ? true : null);
  }
}
