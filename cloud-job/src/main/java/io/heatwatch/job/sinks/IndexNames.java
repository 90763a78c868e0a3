package io.heatwatch.job.sinks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The Elasticsearch indices the job writes. */
public final class IndexNames {
  /** Prefix of the daily readings indices, {@code heatwatch-readings-YYYY.MM.DD}. */
  public static final String READINGS_PREFIX = "heatwatch-readings-";

  /** Prefix of the daily metrics indices, {@code heatwatch-metrics-YYYY.MM.DD}. */
  public static final String METRICS_PREFIX = "heatwatch-metrics-";

  /** The latest state per device, {@code _id = deviceId}. */
  public static final String DEVICES = "heatwatch-devices";

  /** The one alarms index; one document per alarm. */
  public static final String ALARMS = "heatwatch-alarms";

  /**
   * The canary's readings, {@code _id = deviceId:seq} as readings: the watchdog looks for the
   * latest there to see the canary reached Elasticsearch. Kept apart so it never shows as a sensor.
   */
  public static final String CANARY = "heatwatch-canary";

  /**
   * The notifier's delivery log for the audit: one document per state of each notification, {@code
   * _id = notificationId/state/attempts}.
   */
  public static final String DELIVERIES = "heatwatch-deliveries";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu.MM.dd").withZone(ZoneOffset.UTC);

  private IndexNames() {}

  /** The readings index of the UTC day of {@code eventTime}. */
  public static String readings(Instant eventTime) {
    return READINGS_PREFIX + DAY.format(eventTime);
  }

  /** The metrics index of the UTC day of {@code windowStart}. */
  public static String metrics(Instant windowStart) {
    return METRICS_PREFIX + DAY.format(windowStart);
  }
}
