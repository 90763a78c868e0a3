package io.heatwatch.bridge.convert;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.TelemetryCodec;

/**
 * The MQTT topic of a downlink record: alarm events go to the device's {@code alarms} channel,
 * sensor configuration (retained) to its {@code config} channel. Throws {@link
 * io.heatwatch.model.InvalidPayloadException} for a payload that breaks the contract.
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
    Channel channel;
    String site;
    String deviceId;
    if (kafkaTopic.equals(KafkaTopics.SENSOR_CONFIG)) {
      SensorConfig config = TelemetryCodec.decodeSensorConfig(payload);
      channel = Channel.CONFIG;
      site = config.site();
      deviceId = config.deviceId();
    } else {
      Alarm alarm = TelemetryCodec.decodeAlarm(payload);
      channel = Channel.ALARMS;
      site = alarm.site();
      deviceId = alarm.deviceId();
    }
    return new Downlink(MqttTopics.topic(site, deviceId, channel), channel.retained());
  }
}
