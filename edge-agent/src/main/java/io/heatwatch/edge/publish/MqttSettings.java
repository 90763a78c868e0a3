package io.heatwatch.edge.publish;

import java.time.Duration;

/**
 * How the agent connects to its MQTT broker.
 *
 * @param serverUri e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://broker:8883}
 * @param username user name, {@code null} for none
 * @param password password, {@code null} for none
 * @param sessionExpiry how long the broker keeps the session (and queued downlink) while away
 * @param keepAlive MQTT keep-alive interval
 * @param ackTimeout how long to wait for a PUBACK before the publish counts as failed
 */
public record MqttSettings(
    String serverUri,
    String username,
    char[] password,
    Duration sessionExpiry,
    Duration keepAlive,
    Duration ackTimeout) {

  public MqttSettings {
    if (serverUri == null || !(serverUri.startsWith("tcp://") || serverUri.startsWith("ssl://"))) {
      throw new IllegalArgumentException(
          "broker URI must start with tcp:// or ssl://, got " + serverUri);
    }
  }

  /** Plain settings for a broker on loopback without authentication. */
  public static MqttSettings plain(String serverUri) {
    return new MqttSettings(
        serverUri, null, null, Duration.ofDays(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
  }
}
