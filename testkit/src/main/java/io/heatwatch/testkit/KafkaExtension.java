package io.heatwatch.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/** JUnit 5 extension that injects one {@link KafkaServer} shared by every test in the JVM. */
public final class KafkaExtension extends ServerExtension<KafkaServer> {
  public KafkaExtension() {
    super(KafkaServer.class, "kafka");
  }

  @Override
  KafkaServer start(Path dataDir, ExtensionContext context) {
    return KafkaServer.start(dataDir, 0);
  }

  /** The JVM-wide Kafka, for extensions of servers that need it. */
  static KafkaServer kafka(ExtensionContext context) {
    return new KafkaExtension().server(context);
  }
}
