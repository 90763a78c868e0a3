package io.heatwatch.testkit;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that injects one standalone {@link ConnectWorker}, connected to the JVM-wide
 * {@link KafkaServer}, shared by every test in the JVM.
 */
public final class ConnectExtension extends ServerExtension<ConnectWorker> {
  public ConnectExtension() {
    super(ConnectWorker.class, "connect");
  }

  @Override
  ConnectWorker server(ExtensionContext context) {
    // Kafka must enter the store first: the store closes in reverse order, so the worker stops
    // while its broker is still up.
    KafkaExtension.kafka(context);
    return super.server(context);
  }

  @Override
  ConnectWorker start(Path dataDir, ExtensionContext context) {
    return ConnectWorker.startStandalone(
        dataDir, KafkaExtension.kafka(context).bootstrapServers(), 0, Map.of());
  }
}
