package io.heatwatch.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/** JUnit 5 extension that injects one {@link MqttBroker} shared by every test in the JVM. */
public final class MqttBrokerExtension extends ServerExtension<MqttBroker> {
  public MqttBrokerExtension() {
    super(MqttBroker.class, "hivemq");
  }

  @Override
  MqttBroker start(Path dataDir, ExtensionContext context) {
    return MqttBroker.start(dataDir, 0);
  }
}
