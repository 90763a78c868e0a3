package io.heatwatch.console;

import com.sun.net.httpserver.HttpServer;
import io.heatwatch.model.Pipeline.Stage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The far end of {@code watchdog.url}: a real HTTP server on 127.0.0.1 answering {@code /health}
 * with the watchdog's document (the shape of the watchdog module's {@code HealthJson.health}), 200
 * while it flows and 503 while a stage is stalled, as the watchdog does.
 */
final class FakeWatchdog implements AutoCloseable {
  private final HttpServer server;
  private volatile Stage stalled;
  private volatile boolean answering = true;

  FakeWatchdog() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/health",
        exchange -> {
          if (!answering) {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            return;
          }
          byte[] body = document(stalled).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(stalled == null ? 200 : 503, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** The URL to set as {@code watchdog.url}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
  }

  /** From now on the watchdog says {@code stage} stopped passing the canary. */
  void stall(Stage stage) {
    stalled = stage;
  }

  /** From now on everything flows. */
  void flow() {
    stalled = null;
  }

  /** Whether it answers with its document (false: a bare 500, as a broken watchdog would). */
  void answering(boolean answering) {
    this.answering = answering;
  }

  private static String document(Stage stalled) {
    String since = Instant.now().minusSeconds(42).toString();
    StringBuilder stages = new StringBuilder();
    for (Stage s : Stage.values()) {
      String state =
          stalled == null || s.ordinal() < stalled.ordinal()
              ? "ok"
              : s == stalled ? "stalled" : "unknown";
      String detail =
          s == stalled
              ? "task 0 FAILED"
              : state.equals("ok") ? "canary passed" : "behind " + stalled.id();
      if (stages.length() > 0) {
        stages.append(',');
      }
      stages.append(
          String.format(
              "{\"stage\":\"%s\",\"state\":\"%s\",\"since\":\"%s\",\"detail\":\"%s\"}",
              s.id(), state, since, detail));
    }
    return String.format(
        "{\"status\":\"%s\",\"stages\":[%s],\"stalled\":%s,\"reason\":%s,\"canaryAgeS\":%d,"
            + "\"connect\":{\"state\":\"%s\",\"taskRestarts\":%d,\"failedTasks\":%d},"
            + "\"job\":{\"state\":\"RUNNING\",\"restarts\":0},\"kafkaLag\":3,"
            + "\"broker\":{\"queueBytes\":0,\"queueMessages\":0,\"queueMaxBytes\":1000,"
            + "\"queueFillPercent\":0},\"warnings\":[]}",
        stalled == null ? "ok" : "stalled",
        stages,
        stalled == null ? "null" : "\"" + stalled.id() + "\"",
        stalled == null ? "null" : "\"pipeline stalled at " + stalled.id() + "\"",
        stalled == null ? 2 : 75,
        stalled == Stage.BRIDGE ? "FAILED" : "RUNNING",
        stalled == Stage.BRIDGE ? 3 : 0,
        stalled == Stage.BRIDGE ? 1 : 0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
