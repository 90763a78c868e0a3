package io.heatwatch.job.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heatwatch.job.model.DeliveryDoc;
import io.heatwatch.model.Notification;
import io.heatwatch.model.TelemetryCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;

/**
 * Reads an entry of the notifier's delivery log ({@code heatwatch.notification-log}, notifier
 * README "Delivery guarantees": {@code id, intentId, alarmId, recipient, channel, state, attempts,
 * at, nextAt, detail, batch, intent}) into the document the audit index keeps: who was told, when,
 * through what, about which alarm, and whether it arrived. The intent is read with the contract's
 * codec; an entry that does not read throws, and the source skips it with a WARN line.
 */
public final class DeliveryLogDocs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STATES =
      Set.of("CLAIMED", "RETRYING", "SENT", "FAILED", "SUPPRESSED");

  private DeliveryLogDocs() {}

  /** The document for one log entry; throws IllegalArgumentException if it is malformed. */
  public static DeliveryDoc of(byte[] value) {
    JsonNode n;
    try {
      n = JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String id = text(n, "id");
    String state = text(n, "state");
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException("state " + state + " is not one of " + STATES);
    }
    int attempts = n.path("attempts").asInt(0);
    Instant at = Instant.parse(text(n, "at"));
    JsonNode intentNode = n.get("intent");
    if (intentNode == null || !intentNode.isObject()) {
      throw new IllegalArgumentException("no intent");
    }
    Notification intent;
    try {
      intent = TelemetryCodec.decodeNotification(JSON.writeValueAsBytes(intentNode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode doc = JSON.createObjectNode();
    doc.put("at", at.toString());
    doc.put("notificationId", id);
    doc.put("alarmId", intent.alarmId());
    doc.put("test", intent.reason() == Notification.Reason.TEST);
    doc.put("reason", intent.reason().name());
    doc.put("level", intent.level());
    doc.put("count", intent.count());
    doc.put("recipient", n.hasNonNull("recipient") ? n.get("recipient").asText() : null);
    doc.put("channel", text(n, "channel"));
    doc.put("state", state);
    doc.put("attempts", attempts);
    doc.put(
        "nextAt",
        n.hasNonNull("nextAt") ? Instant.parse(n.get("nextAt").asText()).toString() : null);
    doc.put("detail", n.hasNonNull("detail") ? n.get("detail").asText() : null);
    doc.put("site", intent.alarm().site());
    doc.put("deviceId", intent.alarm().deviceId());
    doc.put("sensorId", intent.alarm().sensorId());
    doc.put("kind", intent.alarm().kind().name());
    doc.put("severity", intent.alarm().severity().name());
    return new DeliveryDoc(id + "/" + state + "/" + attempts, doc.toString());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new IllegalArgumentException("no " + field);
    }
    return v.asText();
  }
}
