package io.heatwatch.bridge.convert;

import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.Limits;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Address;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the Kafka topic and key of each MQTT message by the routing rules (last topic level →
 * Kafka topic; one topic level → key), and rejects what breaks the contract: a topic without a
 * route, an oversized payload, MQTT v5 user properties beyond the contract's bounds, a readings /
 * status payload that is not valid for the device named in the topic, or readings of a device that
 * presents more sensor ids than {@link DeviceSensors} allows.
 */
public final class MessageRouter {
  private final Map<String, String> routes;
  private final int keySegment;
  private final String dlqTopic;
  private final int maxPayloadBytes;
  private final DeviceSensors sensors;

  /** A router with the contract's default bound of sensor ids per device. */
  MessageRouter(Map<String, String> routes, int keySegment, String dlqTopic, int maxPayloadBytes) {
    this(
        routes,
        keySegment,
        dlqTopic,
        maxPayloadBytes,
        new DeviceSensors(Limits.DEFAULT_MAX_SENSORS_PER_DEVICE, 10_000, Duration.ofDays(7)));
  }

  /**
   * @param routes last topic level → Kafka topic
   * @param keySegment zero-based topic level that becomes the record key
   * @param dlqTopic where rejected messages go
   * @param maxPayloadBytes larger payloads are rejected
   * @param sensors the bound of sensor ids per device
   */
  public MessageRouter(
      Map<String, String> routes,
      int keySegment,
      String dlqTopic,
      int maxPayloadBytes,
      DeviceSensors sensors) {
    this.routes = Map.copyOf(routes);
    this.keySegment = keySegment;
    this.dlqTopic = dlqTopic;
    this.maxPayloadBytes = maxPayloadBytes;
    this.sensors = sensors;
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
    try {
      Limits.checkUserProperties(message.userProperties());
    } catch (InvalidPayloadException e) {
      return reject(key, e.getMessage());
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
      String refusal = refusal(address.get(), message);
      return refusal == null ? new Routed(kafkaTopic, key, null) : reject(key, refusal);
    } catch (InvalidPayloadException e) {
      return reject(key, e.getMessage());
    }
  }

  /** Why the payload may not pass for the topic's device, or null when it may. */
  private String refusal(Address address, InboundMessage message) {
    byte[] payload = message.payload();
    if (address.channel() == Channel.STATUS) {
      var status = TelemetryCodec.decodeStatus(payload);
      return status.deviceId().equals(address.deviceId())
          ? null
          : "status of " + status.deviceId() + " on topic of " + address.deviceId();
    }
    List<Reading> readings = TelemetryCodec.decodeReadings(payload);
    String mismatch = mismatch(address, readings);
    if (mismatch != null) {
      return mismatch;
    }
    List<String> sensorIds = new ArrayList<>(readings.size());
    readings.forEach(r -> sensorIds.add(r.sensorId()));
    return sensors.admit(address.deviceId(), sensorIds, message.receivedAt());
  }

  /** Why the readings do not belong to the topic's device, or null when they do. */
  private static String mismatch(Address address, List<Reading> readings) {
    for (var reading : readings) {
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
