package io.heatwatch.bridge.convert;

import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Address;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.TelemetryCodec;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the Kafka topic and key of each MQTT message by the routing rules (last topic level →
 * Kafka topic; one topic level → key), and rejects what breaks the contract: a topic without a
 * route, an oversized payload, or a readings / status payload that is not valid for the device
 * named in the topic.
 */
public final class MessageRouter {
  private final Map<String, String> routes;
  private final int keySegment;
  private final String dlqTopic;
  private final int maxPayloadBytes;

  /**
   * @param routes last topic level → Kafka topic
   * @param keySegment zero-based topic level that becomes the record key
   * @param dlqTopic where rejected messages go
   * @param maxPayloadBytes larger payloads are rejected
   */
  public MessageRouter(
      Map<String, String> routes, int keySegment, String dlqTopic, int maxPayloadBytes) {
    this.routes = Map.copyOf(routes);
    this.keySegment = keySegment;
    this.dlqTopic = dlqTopic;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** The route of one message; never throws for bad input. */
  public Routed route(InboundMessage message) {
    String[] levels = message.topic().split("/", -1);
    String key = keySegment < levels.length ? levels[keySegment] : null;
    Optional<Address> address = MqttTopics.parse(message.topic());
    if (address.isPresent()
        && (address.get().channel() == Channel.ALARMS
            || address.get().channel() == Channel.CONFIG)) {
      return reject(key, "channel " + address.get().channel() + " is downlink only");
    }
    String suffix = levels[levels.length - 1];
    String kafkaTopic = routes.get(suffix);
    if (kafkaTopic == null) {
      return reject(key, "no route for topic level '" + suffix + "' of " + message.topic());
    }
    if (key == null || key.isEmpty()) {
      return reject(null, "topic " + message.topic() + " has no level " + keySegment + " for key");
    }
    if (message.payload().length > maxPayloadBytes) {
      return reject(
          key, "payload of " + message.payload().length + " bytes exceeds " + maxPayloadBytes);
    }
    boolean contractChannel =
        suffix.equals(Channel.READINGS.segment()) || suffix.equals(Channel.STATUS.segment());
    if (!contractChannel) {
      return new Routed(kafkaTopic, key, null);
    }
    if (address.isEmpty()) {
      return reject(key, "topic is not heatwatch/v1/{site}/{device}/{channel}");
    }
    try {
      String mismatch = mismatch(address.get(), message.payload());
      return mismatch == null ? new Routed(kafkaTopic, key, null) : reject(key, mismatch);
    } catch (InvalidPayloadException e) {
      return reject(key, e.getMessage());
    }
  }

  /** Why the payload does not belong to the topic's device, or null when it does. */
  private static String mismatch(Address address, byte[] payload) {
    if (address.channel() == Channel.STATUS) {
      var status = TelemetryCodec.decodeStatus(payload);
      return status.deviceId().equals(address.deviceId())
          ? null
          : "status of " + status.deviceId() + " on topic of " + address.deviceId();
    }
    for (var reading : TelemetryCodec.decodeReadings(payload)) {
      if (!reading.deviceId().equals(address.deviceId())
          || !reading.site().equals(address.site())) {
        return "reading of "
            + reading.site()
            + "/"
            + reading.deviceId()
            + " on topic of "
            + address.site()
            + "/"
            + address.deviceId();
      }
    }
    return null;
  }

  private Routed reject(String key, String reason) {
    return new Routed(dlqTopic, key, reason);
  }
}
