package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source task's connection attempts. Paho reconnects by itself only after a first success, so
 * until then the task retries from poll() with doubling backoff; a refused login fails the task at
 * once (retrying cannot fix a wrong password).
 */
final class SourceConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SourceConnection.class);
  static final long CONNECT_TIMEOUT_MS = 30_000;

  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final MqttSourceConnectorConfig config;
  private final String clientId;
  private volatile boolean everConnected;
  private volatile boolean needed = true;
  private long backoffMs;
  private long nextNanos;

  SourceConnection(
      MqttAsyncClient client, MqttConnectionOptions options, MqttSourceConnectorConfig config) {
    this.client = client;
    this.options = options;
    this.config = config;
    this.clientId = client.getClientId();
    this.backoffMs = config.reconnectMinMs;
  }

  boolean everConnected() {
    return everConnected;
  }

  /** One attempt, if one is needed and its backoff has passed. */
  void connectWhenDue() {
    if (needed && System.nanoTime() - nextNanos >= 0) {
      connect();
    }
  }

  /** One connection attempt. */
  void connect() {
    try {
      client.connect(options).waitForCompletion(CONNECT_TIMEOUT_MS);
      everConnected = true;
      needed = false;
      backoffMs = config.reconnectMinMs;
      LOG.info("MQTT source task {} connected to {}", clientId, client.getCurrentServerURI());
    } catch (MqttException e) {
      if (MqttConnectFailures.permanent(e)) {
        throw new ConnectException(
            "broker "
                + config.connection.serverUris()
                + " refused client "
                + clientId
                + " (check "
                + MqttSourceConnectorConfig.USERNAME_CONFIG
                + "/"
                + MqttSourceConnectorConfig.PASSWORD_CONFIG
                + "): "
                + e,
            e);
      }
      LOG.warn(
          "MQTT source task {} cannot connect to {}, retrying in {} ms: {}",
          clientId,
          config.connection.serverUris(),
          backoffMs,
          e.toString());
      nextNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
      backoffMs = Math.min(backoffMs * 2, config.reconnectMaxMs);
    }
  }

  /**
   * Ends the connection and opens a new one on the same session, so the broker redelivers every
   * message not acknowledged: the only way to get one back, and acknowledgements go in arrival
   * order, so one unacknowledged message holds back all later ones until then.
   */
  void reconnectForRedelivery() {
    LOG.warn(
        "MQTT source task {}: Kafka did not store a record; reconnecting so the broker redelivers"
            + " it (to the dead-letter topic)",
        clientId);
    try {
      if (client.isConnected()) {
        client.disconnect(5_000).waitForCompletion(5_000);
      }
    } catch (MqttException e) {
      LOG.warn("MQTT source task {} disconnect: {}", clientId, e.toString());
    }
    needed = true;
    nextNanos = System.nanoTime();
  }
}
