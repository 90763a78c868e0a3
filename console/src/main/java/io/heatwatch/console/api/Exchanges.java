package io.heatwatch.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.console.auth.Sessions.Session;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;

/** Reading JSON requests and writing JSON answers on an Undertow exchange. */
public final class Exchanges {
  /** The logged-in session of a request, attached by the auth filter. */
  public static final AttachmentKey<Session> SESSION = AttachmentKey.create(Session.class);

  private static final int MAX_BODY = 64 * 1024;

  private final ObjectMapper json;

  public Exchanges(ObjectMapper json) {
    this.json = json;
  }

  public ObjectMapper json() {
    return json;
  }

  /** The request's JSON object, with only the {@code allowed} fields. */
  public JsonNode body(HttpServerExchange exchange, Set<String> allowed) {
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "Content-Type", "Content-Type must be application/json");
    }
    JsonNode body;
    try (InputStream in = exchange.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new ApiException(413, "$", "body larger than " + MAX_BODY + " bytes");
      }
      body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "$", "body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "$", "body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new ApiException(400, name, "unknown field " + name + "; expected one of " + allowed);
      }
    }
    return body;
  }

  /** A query parameter, or {@code null}. */
  public static String query(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  /** A path parameter of the route. */
  public static String path(HttpServerExchange exchange, String name) {
    return query(exchange, name);
  }

  public void send(HttpServerExchange exchange, int status, Object body) {
    try {
      byte[] bytes = json.writeValueAsBytes(body);
      exchange.setStatusCode(status);
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
      exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
      exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The error body every refusal has: {@code {"status", "field", "message"}}. */
  public void error(HttpServerExchange exchange, int status, String field, String message) {
    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("status", status);
    body.put("field", field);
    body.put("message", message);
    send(exchange, status, body);
  }
}
