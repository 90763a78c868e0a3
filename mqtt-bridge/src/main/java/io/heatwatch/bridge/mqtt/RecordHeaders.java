package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.convert.InboundMessage;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.Limits;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;

/** The Kafka record headers the contract names for every bridged MQTT message. */
final class RecordHeaders {
  static final String TOPIC = "mqtt.topic";
  static final String QOS = "mqtt.qos";
  static final String RETAINED = "mqtt.retained";
  static final String MESSAGE_ID = "mqtt.message.id";
  static final String RECEIVED_AT = "heatwatch.received.at";
  static final String REJECT_REASON = "heatwatch.dlq.reason";
  static final String ORIGINAL_SIZE = "heatwatch.dlq.original.size";
  static final String ORIGINAL_SHA256 = "heatwatch.dlq.original.sha256";
  static final String USER_PROPERTY_PREFIX = "mqtt.user.";

  /**
   * Longest reason, MQTT topic and key text a dead-letter record carries, in chars: together with
   * bounded user properties they stay within the dead-letter overhead the config reserves.
   */
  static final int MAX_DEAD_LETTER_TEXT = 1024;

  static final int MAX_DEAD_LETTER_KEY = 256;

  private RecordHeaders() {}

  /** Headers of a record on its routed topic; the router has checked the user properties. */
  static Headers of(InboundMessage message) {
    ConnectHeaders headers = common(message, message.topic());
    userProperties(headers, message.userProperties());
    return headers;
  }

  /**
   * Headers of a dead-letter record: the reason and the original payload's size and SHA-256, with
   * the topic and reason shortened and the user properties only when they are within the contract.
   */
  static Headers deadLetter(InboundMessage message, String reason, int size, String sha256) {
    ConnectHeaders headers = common(message, shorten(message.topic(), MAX_DEAD_LETTER_TEXT));
    List<Map.Entry<String, String>> properties = message.userProperties();
    try {
      Limits.checkUserProperties(properties);
      userProperties(headers, properties);
    } catch (InvalidPayloadException e) {
      // They are why it is here, or they would make the dead-letter record too large.
    }
    headers.addString(REJECT_REASON, shorten(reason, MAX_DEAD_LETTER_TEXT));
    headers.addInt(ORIGINAL_SIZE, size);
    headers.addString(ORIGINAL_SHA256, sha256);
    return headers;
  }

  static String shorten(String text, int maxChars) {
    return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars - 1) + "…";
  }

  private static ConnectHeaders common(InboundMessage message, String topic) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(TOPIC, topic);
    headers.addInt(QOS, message.qos());
    headers.addBoolean(RETAINED, message.retained());
    headers.addInt(MESSAGE_ID, message.messageId());
    headers.addString(RECEIVED_AT, message.receivedAt().toString());
    return headers;
  }

  private static void userProperties(
      ConnectHeaders headers, List<Map.Entry<String, String>> properties) {
    for (Map.Entry<String, String> property : properties) {
      headers.addString(USER_PROPERTY_PREFIX + property.getKey(), property.getValue());
    }
  }
}
