package io.heatwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A logged-in (or not) user of the console API, as a browser page would be. */
final class ApiClient {
  private static final ObjectMapper JSON = ConsoleServer.json();

  private final String base;
  private final HttpClient http;
  private final CookieManager cookies = new CookieManager();
  private String csrf;

  /** An answer: its status and JSON body. */
  record Answer(int status, JsonNode body) {}

  ApiClient(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  Answer login(String user, String password) {
    Answer answer = send("POST", "/api/login", Map.of("username", user, "password", password));
    if (answer.status() == 200) {
      csrf = answer.body().path("csrf").asText();
    }
    return answer;
  }

  /** The session cookie as a request header value. */
  String cookie() {
    return cookies.getCookieStore().getCookies().stream()
        .map(c -> c.getName() + "=" + c.getValue())
        .findFirst()
        .orElseThrow();
  }

  String csrf() {
    return csrf;
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, Object body) {
    return send("POST", path, body);
  }

  Answer put(String path, Object body) {
    return send("PUT", path, body);
  }

  /** Sends a request with the given CSRF header value ({@code null}: none). */
  Answer send(String method, String path, Object body, String csrfHeader) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(
                          body instanceof String s
                              ? s.getBytes(StandardCharsets.UTF_8)
                              : JSON.writeValueAsBytes(body)));
      if (csrfHeader != null) {
        request.header("X-CSRF-Token", csrfHeader);
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode tree =
          response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), tree);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens {@code /api/events}; the answer comes when its head does, the body streams on. */
  HttpResponse<java.io.InputStream> events() {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + "/api/events"))
              .header("Accept", "text/event-stream")
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IllegalStateException("GET /api/events: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer send(String method, String path, Object body) {
    return send(method, path, body, csrf);
  }

  static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
