package io.heatwatch.notifier.ack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/** The delivery log's value for a used link: {"alarmId":..,"by":..,"at":"ISO instant"}. */
final class UsedAckJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private UsedAckJson() {}

  static byte[] encode(UsedAck use) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("alarmId", use.alarmId());
    node.put("by", use.by());
    node.put("at", use.at().toString());
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a used link", e);
    }
  }

  static UsedAck decode(byte[] value) {
    try {
      JsonNode node = MAPPER.readTree(value);
      return new UsedAck(
          node.path("alarmId").asText(),
          node.path("by").asText(),
          Instant.parse(node.path("at").asText()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("unreadable used-link record in the notification log", e);
    }
  }
}
