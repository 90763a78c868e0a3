package io.heatwatch.job.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Statistics of one sensor's OK readings in one event-time window.
 *
 * @param site site id
 * @param deviceId device id
 * @param sensorId sensor id
 * @param windowStart window start, inclusive
 * @param windowEnd window end, exclusive
 * @param count number of OK readings, at least 1
 * @param min lowest temperature in °C
 * @param max highest temperature in °C
 * @param avg mean temperature in °C
 * @param stddev population standard deviation in °C
 * @param firstTs event time of the earliest reading
 * @param lastTs event time of the latest reading
 */
public record SensorMetrics(
    String site,
    String deviceId,
    String sensorId,
    Instant windowStart,
    Instant windowEnd,
    long count,
    double min,
    double max,
    double avg,
    double stddev,
    Instant firstTs,
    Instant lastTs) {

  public SensorMetrics {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(sensorId, "sensorId");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
  }

  /**
   * The document id, {@code deviceId:sensorId:windowStartMillis}; the device is part of it because
   * sensor ids are unique only per device once they are names given in config.
   */
  public String id() {
    return deviceId + ":" + sensorId + ":" + windowStart.toEpochMilli();
  }
}
