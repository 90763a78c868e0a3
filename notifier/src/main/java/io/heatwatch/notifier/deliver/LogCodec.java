package io.heatwatch.notifier.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.config.Target;
import java.io.IOException;
import java.time.Instant;

/**
 * The delivery log's JSON: {@code id, intentId, alarmId, recipient, channel, state, attempts, at,
 * nextAt, detail, intent}. The intent is the contract's own JSON, read back by the contract's
 * codec, so an entry written by this release is read by the next.
 */
final class LogCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LogCodec() {}

  static byte[] encode(LogEntry e) {
    try {
      ObjectNode n = JSON.createObjectNode();
      n.put("id", e.id());
      n.put("intentId", e.intent().id());
      n.put("alarmId", e.intent().alarmId());
      n.put("recipient", e.target().recipient());
      n.put("channel", e.target().channel());
      n.put("state", e.state().name());
      n.put("attempts", e.attempts());
      n.put("at", e.at().toString());
      n.put("nextAt", e.nextAt() == null ? null : e.nextAt().toString());
      n.put("detail", e.detail());
      n.put("batch", e.batch());
      n.set("intent", JSON.readTree(TelemetryCodec.encode(e.intent())));
      return JSON.writeValueAsBytes(n);
    } catch (IOException ex) {
      throw new IllegalStateException("cannot encode log entry " + e.id(), ex);
    }
  }

  /** Throws IllegalArgumentException (or the contract's InvalidPayloadException) if malformed. */
  static LogEntry decode(byte[] value) {
    try {
      JsonNode n = JSON.readTree(value);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return new LogEntry(
          required(n, "id").asText(),
          DeliveryState.valueOf(required(n, "state").asText()),
          n.path("attempts").asInt(0),
          Instant.parse(required(n, "at").asText()),
          n.hasNonNull("nextAt") ? Instant.parse(n.get("nextAt").asText()) : null,
          n.hasNonNull("detail") ? n.get("detail").asText() : null,
          new Target(
              n.hasNonNull("recipient") ? n.get("recipient").asText() : null,
              required(n, "channel").asText()),
          TelemetryCodec.decodeNotification(JSON.writeValueAsBytes(required(n, "intent"))),
          // entries written before grouping have no batch
          n.hasNonNull("batch") ? n.get("batch").asText() : null);
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("malformed delivery-log entry: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("delivery-log entry without " + field);
    }
    return v;
  }
}
