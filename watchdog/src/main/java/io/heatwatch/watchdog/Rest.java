package io.heatwatch.watchdog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to Connect, Flink and Elasticsearch, each call bounded by one timeout. */
final class Rest {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration timeout;
  private final java.util.Optional<String> authorization;

  Rest(Duration timeout) {
    this(timeout, java.util.Optional.empty());
  }

  /** A client that sends {@code authorization} (an Authorization header value) with each call. */
  Rest(Duration timeout, java.util.Optional<String> authorization) {
    this.timeout = timeout;
    this.authorization = authorization;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A response: its status and its body as JSON ({@code null} when empty or not JSON). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  Answer get(String url) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  Answer post(String url, Object body) throws IOException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(publisher));
  }

  private Answer send(HttpRequest.Builder request) throws IOException {
    authorization.ifPresent(a -> request.header("Authorization", a));
    try {
      HttpResponse<byte[]> response =
          client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), parse(response.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** A short description of a failure for a stage's detail. */
  static String why(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
