package io.heatwatch.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** JSON over HTTP to one server (Elasticsearch, Connect, Flink REST), with errors as exceptions. */
final class JsonHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A response: the status code and the body text. */
  record Response(int status, String body) {
    JsonNode json() {
      return parse(body);
    }
  }

  private final String baseUrl;
  private final HttpClient http;

  JsonHttp(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** Sends a request and returns the parsed body; a status of 300 or more throws. */
  JsonNode json(String method, String path, String body) {
    Response response = send(method, path, body);
    if (response.status() >= 300) {
      throw failure(method, path, response);
    }
    return response.json();
  }

  /** Sends a request and returns whatever came back. */
  Response send(String method, String path, String body) {
    String url = baseUrl + (path.startsWith("/") ? path : "/" + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? BodyPublishers.noBody()
                    : BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      var response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + url, e);
    }
  }

  static IllegalStateException failure(String method, String path, Response response) {
    return new IllegalStateException(
        method + " " + path + " answered " + response.status() + ": " + response.body());
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write JSON for " + value, e);
    }
  }

  static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
