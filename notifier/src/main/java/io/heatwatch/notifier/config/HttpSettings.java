package io.heatwatch.notifier.config;

import java.net.URI;
import java.util.Objects;

/**
 * The notifier's HTTP server ({@code /health}, {@code /ack/}).
 *
 * @param bind the address to listen on
 * @param port the port, 0 for any free port
 * @param publicUrl how recipients reach the server, the base of acknowledgement links
 */
public record HttpSettings(String bind, int port, URI publicUrl) {
  public HttpSettings {
    Objects.requireNonNull(bind, "bind");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    Objects.requireNonNull(publicUrl, "publicUrl");
  }
}
