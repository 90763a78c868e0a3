package io.heatwatch.notifier.channel;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's HTTP server) with scripted answers by path: /ok 204,
 * /500, /429 with Retry-After 7, /503, /400, and /stall, which answers only after 5 s (or when the
 * receiver closes). It records every request.
 */
final class HookReceiver implements AutoCloseable {
  /** One request as the receiver saw it. */
  record Request(String path, Headers headers, String body) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final CountDownLatch closing = new CountDownLatch(1);

  HookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = x.getRequestURI().getPath();
      requests.add(new Request(path, x.getRequestHeaders(), body));
      switch (path) {
        case "/500" -> x.sendResponseHeaders(500, -1);
        case "/429" -> {
          x.getResponseHeaders().add("Retry-After", "7");
          x.sendResponseHeaders(429, -1);
        }
        case "/503" -> x.sendResponseHeaders(503, -1);
        case "/400" -> {
          byte[] answer = "invalid_payload".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(400, answer.length);
          x.getResponseBody().write(answer);
        }
        case "/stall" -> {
          try {
            closing.await(5, TimeUnit.SECONDS); // the scripted stall, past the client's timeout
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          x.sendResponseHeaders(200, -1);
        }
        default -> x.sendResponseHeaders(204, -1);
      }
    }
  }

  /**
   * Checks a request as a Standard Webhooks receiver does: recomputes the HMAC over
   * "id.timestamp.body" with the secret's key, compares it with each signature in the header, and
   * refuses a timestamp more than 5 minutes away.
   */
  static boolean verify(Request r, String whsec) throws Exception {
    String id = r.header("webhook-id");
    String ts = r.header("webhook-timestamp");
    String sigs = r.header("webhook-signature");
    if (id == null || ts == null || sigs == null) {
      return false;
    }
    long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts));
    if (age > Duration.ofMinutes(5).toSeconds()) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected =
        mac.doFinal((id + "." + ts + "." + r.body()).getBytes(StandardCharsets.UTF_8));
    for (String sig : sigs.split(" ")) {
      if (sig.startsWith("v1,")
          && MessageDigest.isEqual(expected, Base64.getDecoder().decode(sig.substring(3)))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
