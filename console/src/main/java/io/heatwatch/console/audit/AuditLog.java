package io.heatwatch.console.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.console.es.EsClient;
import io.heatwatch.console.es.Indices;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one document per operator action to {@code heatwatch-audit}: who, what, when, and the
 * state before and after. {@code before} and {@code after} are stored as JSON text, so alarms and
 * configs of any shape never clash in the index's mapping.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final EsClient es;
  private final ObjectMapper json;
  private final Clock clock;

  public AuditLog(EsClient es, ObjectMapper json, Clock clock) {
    this.es = es;
    this.json = json;
    this.clock = clock;
  }

  /** Writes one entry; throws when Elasticsearch does not take it. */
  public void write(
      String user, String role, String action, String target, Object before, Object after) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ts", clock.instant().toString());
    doc.put("user", user);
    doc.put("role", role);
    doc.put("action", action);
    doc.put("target", target);
    doc.put("before", text(before));
    doc.put("after", text(after));
    es.create(Indices.AUDIT, doc);
    LOG.info("audit: {} {} {}", user, action, target);
  }

  private String text(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
