package io.heatwatch.bridge.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.config.types.Password;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** Connection options both connectors share: persistent session, reconnect, credentials. */
final class MqttClients {
  private MqttClients() {}

  static MqttConnectionOptions options(
      List<String> serverUris, long sessionExpirySeconds, String username, Password password) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setServerURIs(serverUris.toArray(String[]::new));
    options.setCleanStart(false);
    options.setSessionExpiryInterval(sessionExpirySeconds);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setKeepAliveInterval(30);
    if (!username.isEmpty()) {
      options.setUserName(username);
      options.setPassword(password.value().getBytes(StandardCharsets.UTF_8));
    }
    return options;
  }
}
