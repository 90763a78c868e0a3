package io.heatwatch.console;

import io.heatwatch.console.api.ApiException;
import io.heatwatch.console.api.Exchanges;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The handlers {@link ConsoleServer} wraps its routes in: the page, errors, security headers. */
final class HttpWrappers {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action"
          + " 'self'";

  private HttpWrappers() {}

  static HttpHandler staticFiles() {
    ClassLoader loader = HttpWrappers.class.getClassLoader();
    ResourceHandler page =
        Handlers.resource(new ClassPathResourceManager(loader, "console-ui"))
            .setWelcomeFiles("index.html")
            .setCacheTime(60);
    ResourceHandler uplot =
        Handlers.resource(
                new ClassPathResourceManager(
                    loader, "META-INF/resources/webjars/uplot/" + webjarVersion(loader, "uplot")))
            .setCacheTime(86_400);
    return Handlers.path(page).addPrefixPath("/vendor/uplot", uplot);
  }

  private static String webjarVersion(ClassLoader loader, String name) {
    String path = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("webjar " + name + " is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A blocking API route: runs on a worker thread, errors become JSON. */
  static HttpHandler api(Exchanges io, HttpHandler handler) {
    return new BlockingHandler(errors(io, handler));
  }

  static HttpHandler errors(Exchanges io, HttpHandler next) {
    return exchange -> {
      try {
        next.handleRequest(exchange);
      } catch (ApiException e) {
        io.error(exchange, e.status(), e.field(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestPath(), e, e);
        io.error(
            exchange, 502, null, "the console could not complete the request: " + e.getMessage());
      }
    };
  }

  static HttpHandler securityHeaders(HttpHandler next) {
    return exchange -> {
      HeaderMap h = exchange.getResponseHeaders();
      h.put(new HttpString("Content-Security-Policy"), CSP);
      h.put(new HttpString("X-Content-Type-Options"), "nosniff");
      h.put(new HttpString("X-Frame-Options"), "DENY");
      h.put(new HttpString("Referrer-Policy"), "no-referrer");
      next.handleRequest(exchange);
    };
  }
}
