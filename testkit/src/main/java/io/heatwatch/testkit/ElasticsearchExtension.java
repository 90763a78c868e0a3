package io.heatwatch.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that injects one {@link ElasticsearchServer} shared by the tests in the JVM.
 */
public final class ElasticsearchExtension extends ServerExtension<ElasticsearchServer> {
  public ElasticsearchExtension() {
    super(ElasticsearchServer.class, "elasticsearch");
  }

  @Override
  ElasticsearchServer start(Path dataDir, ExtensionContext context) {
    return ElasticsearchServer.start(dataDir, 0);
  }
}
