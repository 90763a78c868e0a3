package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.config.MqttConnection;
import io.heatwatch.bridge.config.TlsConfig;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;

/** Connection options both connectors share: session, reconnect backoff, credentials, TLS. */
final class MqttClients {
  private MqttClients() {}

  static MqttConnectionOptions options(
      MqttConnection connection,
      boolean cleanStart,
      long sessionExpirySeconds,
      long reconnectMinMs,
      long reconnectMaxMs) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setServerURIs(connection.serverUris().toArray(String[]::new));
    options.setCleanStart(cleanStart);
    options.setSessionExpiryInterval(sessionExpirySeconds);
    // Paho doubles the delay after each failed attempt, from min up to max (whole seconds).
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(
        (int) Math.max(1, reconnectMinMs / 1000), (int) Math.max(1, reconnectMaxMs / 1000));
    options.setKeepAliveInterval(30);
    if (!connection.username().isEmpty()) {
      options.setUserName(connection.username());
      options.setPassword(connection.password().value().getBytes(StandardCharsets.UTF_8));
    }
    TlsConfig tls = connection.tls();
    if (tls.customized()) {
      options.setSocketFactory(TlsSocketFactory.of(tls));
    }
    options.setHttpsHostnameVerificationEnabled(tls.endpointIdentification());
    return options;
  }

  /**
   * Disconnects cleanly if connected and releases {@code client}; a failure is logged as {@code
   * what}.
   */
  static void close(MqttAsyncClient client, String what, Logger log) {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect(5_000).waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException e) {
      log.warn("{} stop: {}", what, e.toString());
    }
  }
}
