package io.heatwatch.notifier.web;

import io.heatwatch.notifier.config.HttpSettings;
import io.heatwatch.notifier.deliver.EngineStatus;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/** The notifier's HTTP server: {@code GET /health} and, when links are signed, {@code /ack/}. */
public final class NotifierHttp implements AutoCloseable {
  private final Undertow server;

  private NotifierHttp(Undertow server) {
    this.server = server;
  }

  /** Starts on the configured address; {@code ack} null serves no {@code /ack/}. */
  public static NotifierHttp start(
      HttpSettings settings, Supplier<EngineStatus> status, HttpHandler ack) {
    PathHandler paths = Handlers.path();
    paths.addExactPath("/health", exchange -> health(exchange, status.get()));
    if (ack != null) {
      paths.addPrefixPath("/ack", ack);
    }
    Undertow server =
        Undertow.builder()
            .addHttpListener(settings.port(), settings.bind())
            .setIoThreads(1)
            .setWorkerThreads(4)
            .setHandler(paths)
            .build();
    server.start();
    return new NotifierHttp(server);
  }

  private static void health(HttpServerExchange exchange, EngineStatus status) throws Exception {
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      exchange.setStatusCode(405);
      exchange.endExchange();
      return;
    }
    byte[] body = HealthJson.JSON.writeValueAsBytes(HealthJson.of(status));
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
  }

  /** The port the server listens on (the configured one, or the one picked for port 0). */
  public int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    server.stop();
  }
}
