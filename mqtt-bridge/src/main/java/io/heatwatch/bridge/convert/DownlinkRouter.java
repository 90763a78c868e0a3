package io.heatwatch.bridge.convert;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.TelemetryCodec;

/**
 * The MQTT topic of a downlink record: alarm events go to the device's {@code alarms} channel,
 * sensor configuration (retained) to {@code config/{sensorId}} under the device, one retained
 * message per sensor. Throws {@link io.heatwatch.model.InvalidPayloadException} for a payload that
 * breaks the contract.
 */
public final class DownlinkRouter {
  /**
   * Where one downlink message goes.
   *
   * @param topic the MQTT topic
   * @param retained whether to publish it retained
   */
  public record Downlink(String topic, boolean retained) {}

  private DownlinkRouter() {}

  /** The downlink of a record from {@code kafkaTopic} with value {@code payload}. */
  public static Downlink route(String kafkaTopic, byte[] payload) {
    if (kafkaTopic.equals(KafkaTopics.SENSOR_CONFIG)) {
      SensorConfig config = TelemetryCodec.decodeSensorConfig(payload);
      return new Downlink(
          MqttTopics.configTopic(config.site(), config.deviceId(), config.sensorId()),
          Channel.CONFIG.retained());
    }
    Alarm alarm = TelemetryCodec.decodeAlarm(payload);
    return new Downlink(
        MqttTopics.topic(alarm.site(), alarm.deviceId(), Channel.ALARMS),
        Channel.ALARMS.retained());
  }
}
