package io.heatwatch.model;

import java.util.Locale;

/**
 * The identities heatwatch uses to watch itself. The canary is a reading the stack publishes
 * through the broker every few seconds and follows through the bridge, Kafka, the job and
 * Elasticsearch; PIPELINE_STALLED alarms name the stage that stopped passing it. Both device ids
 * are reserved: no agent may use them, and operators never see the canary as a sensor.
 */
public final class Pipeline {
  /** Site of the canary and of PIPELINE_STALLED alarms. */
  public static final String SITE = "heatwatch";

  /** Device id the canary publishes as (its MQTT user name too). */
  public static final String CANARY_DEVICE_ID = "heatwatch-canary";

  /** Sensor id of the canary's readings. */
  public static final String CANARY_SENSOR_ID = "canary";

  /** Device id of PIPELINE_STALLED alarms; their sensorId is the {@link Stage#id()}. */
  public static final String DEVICE_ID = "heatwatch-pipeline";

  private Pipeline() {}

  /** Whether {@code deviceId} is one of heatwatch's own, which no agent may use. */
  public static boolean isReserved(String deviceId) {
    return CANARY_DEVICE_ID.equals(deviceId) || DEVICE_ID.equals(deviceId);
  }

  /** Whether a reading of {@code deviceId} is the canary's. */
  public static boolean isCanary(String deviceId) {
    return CANARY_DEVICE_ID.equals(deviceId);
  }

  /** The stages a canary reading passes, in order. */
  public enum Stage {
    BROKER,
    BRIDGE,
    KAFKA,
    JOB,
    ELASTICSEARCH;

    /** The stage as a PIPELINE_STALLED alarm's sensorId: its name in lower case. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
