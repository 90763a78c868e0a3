package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.convert.InboundMessage;
import io.heatwatch.bridge.convert.Routed;
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
  static final String USER_PROPERTY_PREFIX = "mqtt.user.";

  private RecordHeaders() {}

  static Headers of(InboundMessage message, Routed route) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(TOPIC, message.topic());
    headers.addInt(QOS, message.qos());
    headers.addBoolean(RETAINED, message.retained());
    headers.addInt(MESSAGE_ID, message.messageId());
    headers.addString(RECEIVED_AT, message.receivedAt().toString());
    for (Map.Entry<String, String> property : message.userProperties().entrySet()) {
      headers.addString(USER_PROPERTY_PREFIX + property.getKey(), property.getValue());
    }
    if (route.rejected()) {
      headers.addString(REJECT_REASON, route.rejectReason());
    }
    return headers;
  }
}
