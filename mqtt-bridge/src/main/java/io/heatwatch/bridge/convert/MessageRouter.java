package io.heatwatch.bridge.convert;

import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Address;
import io.heatwatch.model.TelemetryCodec;
import java.util.Optional;

/**
 * Decides the Kafka topic and key of each MQTT message, and rejects what breaks the contract: a
 * topic outside the tree, an oversized payload, or a payload that is not a valid reading / status
 * of the device named in the topic.
 */
public final class MessageRouter {
  private final String readingsTopic;
  private final String statusTopic;
  private final String dlqTopic;
  private final int maxPayloadBytes;

  public MessageRouter(
      String readingsTopic, String statusTopic, String dlqTopic, int maxPayloadBytes) {
    this.readingsTopic = readingsTopic;
    this.statusTopic = statusTopic;
    this.dlqTopic = dlqTopic;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** The route of one message; never throws for bad input. */
  public Routed route(InboundMessage message) {
    Optional<Address> parsed = MqttTopics.parse(message.topic());
    if (parsed.isEmpty()) {
      return reject(null, "topic is not heatwatch/v1/{site}/{device}/{channel}");
    }
    Address address = parsed.get();
    if (message.payload().length > maxPayloadBytes) {
      return reject(
          address.deviceId(),
          "payload of " + message.payload().length + " bytes exceeds " + maxPayloadBytes);
    }
    try {
      switch (address.channel()) {
        case READINGS:
          for (var reading : TelemetryCodec.decodeReadings(message.payload())) {
            if (!reading.deviceId().equals(address.deviceId())
                || !reading.site().equals(address.site())) {
              return reject(
                  address.deviceId(),
                  "reading of "
                      + reading.site()
                      + "/"
                      + reading.deviceId()
                      + " on topic of "
                      + address.site()
                      + "/"
                      + address.deviceId());
            }
          }
          return new Routed(readingsTopic, address.deviceId(), null);
        case STATUS:
          var status = TelemetryCodec.decodeStatus(message.payload());
          if (!status.deviceId().equals(address.deviceId())) {
            return reject(
                address.deviceId(),
                "status of " + status.deviceId() + " on topic of " + address.deviceId());
          }
          return new Routed(statusTopic, address.deviceId(), null);
        default:
          return reject(address.deviceId(), "channel " + address.channel() + " is downlink only");
      }
    } catch (InvalidPayloadException e) {
      return reject(address.deviceId(), e.getMessage());
    }
  }

  private Routed reject(String key, String reason) {
    return new Routed(dlqTopic, key, reason);
  }
}
