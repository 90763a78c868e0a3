package io.heatwatch.notifier.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Where Kafka is.
 *
 * @param bootstrapServers host:port list
 * @param clientProperties a properties file added to every client's settings (TLS, SASL), or null
 */
public record KafkaSettings(String bootstrapServers, Path clientProperties) {
  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
  }

  /** The settings every client starts from: the bootstrap servers and the properties file's. */
  public Properties clientSettings() {
    Properties p = new Properties();
    if (clientProperties != null) {
      try (InputStream in = Files.newInputStream(clientProperties)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "kafka.clientProperties: cannot read " + clientProperties, e);
      }
    }
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }
}
