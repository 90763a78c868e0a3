package io.heatwatch.notifier.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.heatwatch.notifier.deliver.EngineStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code /health} document: "ok", or "degraded" while a NOTIFICATION_FAILED is open. */
final class HealthJson {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private HealthJson() {}

  static Map<String, Object> of(EngineStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", s.notificationFailed().isEmpty() ? "ok" : "degraded");
    m.put("consumerLag", s.consumerLag());
    Map<String, Object> channels = new LinkedHashMap<>();
    s.channels()
        .forEach(
            (id, c) -> {
              Map<String, Object> ch = new LinkedHashMap<>();
              ch.put("pending", c.pending());
              ch.put("lastSuccess", c.lastSuccess());
              ch.put("waitingSince", c.waitingSince());
              channels.put(id, ch);
            });
    m.put("channels", channels);
    m.put("notificationFailed", s.notificationFailed());
    m.put("unmatchedIntents", s.unmatchedIntents());
    m.put("malformedIntents", s.malformedIntents());
    return m;
  }
}
