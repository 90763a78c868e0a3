package io.heatwatch.bridge.config;

import static java.time.temporal.ChronoUnit.MILLIS;

import io.heatwatch.bridge.convert.DeviceSensors;
import io.heatwatch.model.Limits;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The source connector's bound on the sensor ids a device presents, and on the memory that costs.
 *
 * @param perDevice distinct sensor ids a device may present within {@code expiry}
 * @param devices devices whose ids are remembered at once
 * @param expiry how long an id counts after it was last seen
 */
record SensorIdLimits(int perDevice, int devices, Duration expiry) {
  static final String MAX_SENSORS_CONFIG = "max.sensors.per.device";
  private static final String MAX_SENSORS_DOC =
      "Distinct sensor ids a device may present within sensor.ids.expiry.ms; readings with more"
          + " go to the dead-letter topic.";

  static final String SENSOR_DEVICES_CONFIG = "max.sensors.tracked.devices";
  private static final String SENSOR_DEVICES_DOC =
      "Devices whose sensor ids are remembered at once (least recently seen forgotten first);"
          + " bounds the memory of max.sensors.per.device.";

  static final String SENSOR_EXPIRY_CONFIG = "sensor.ids.expiry.ms";
  private static final String SENSOR_EXPIRY_DOC =
      "How long a sensor id counts towards max.sensors.per.device after it was last seen.";

  private static final DurationSetting SENSOR_EXPIRY =
      new DurationSetting(MILLIS, Duration.ofMinutes(1), Duration.ofDays(365));

  /** Adds these settings to {@code def}. */
  static ConfigDef define(ConfigDef def) {
    return def.define(
            MAX_SENSORS_CONFIG,
            Type.INT,
            Limits.DEFAULT_MAX_SENSORS_PER_DEVICE,
            Range.between(1, 100_000),
            Importance.LOW,
            MAX_SENSORS_DOC)
        .define(
            SENSOR_DEVICES_CONFIG,
            Type.INT,
            10_000,
            Range.between(1, 10_000_000),
            Importance.LOW,
            SENSOR_DEVICES_DOC)
        .define(
            SENSOR_EXPIRY_CONFIG,
            Type.STRING,
            "7 d",
            SENSOR_EXPIRY,
            Importance.LOW,
            SENSOR_EXPIRY_DOC);
  }

  /** The limits {@code config} sets; its definition went through {@link #define}. */
  static SensorIdLimits of(AbstractConfig config) {
    return new SensorIdLimits(
        config.getInt(MAX_SENSORS_CONFIG),
        config.getInt(SENSOR_DEVICES_CONFIG),
        SENSOR_EXPIRY.read(SENSOR_EXPIRY_CONFIG, config.getString(SENSOR_EXPIRY_CONFIG)));
  }

  /** A tracker of device sensor ids within these limits. */
  DeviceSensors tracker() {
    return new DeviceSensors(perDevice, devices, expiry);
  }
}
