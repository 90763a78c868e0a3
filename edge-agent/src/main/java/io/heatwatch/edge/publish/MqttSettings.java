package io.heatwatch.edge.publish;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the agent connects to its MQTT broker.
 *
 * @param serverUri e.g. {@code ssl://broker:8883} ({@code tcp://} only on a trusted network)
 * @param username user name, {@code null} for none
 * @param password password, {@code null} for none
 * @param tls CA and client certificate for {@code ssl://}, {@code null} for the JVM's defaults
 * @param sessionExpiry how long the broker keeps the session (and queued downlink) while away
 * @param keepAlive MQTT keep-alive interval
 * @param window readings published and not yet acknowledged at most
 */
public record MqttSettings(
    String serverUri,
    String username,
    char[] password,
    Tls tls,
    Duration sessionExpiry,
    Duration keepAlive,
    int window) {

  /**
   * Readings in flight by default: below the receive maximum brokers grant by default (HiveMQ 10,
   * Mosquitto 20), so status messages always have room.
   */
  public static final int DEFAULT_WINDOW = 8;

  public MqttSettings {
    if (serverUri == null || !(serverUri.startsWith("tcp://") || serverUri.startsWith("ssl://"))) {
      throw new IllegalArgumentException(
          "mqtt.uri must start with tcp:// or ssl://, got " + serverUri);
    }
    if (window < 1 || window > 1000) {
      throw new IllegalArgumentException("mqtt.window must be within 1..1000, got " + window);
    }
  }

  /** Plain settings for a broker on loopback without authentication (tests, the demo). */
  public static MqttSettings plain(String serverUri) {
    return new MqttSettings(
        serverUri, null, null, null, Duration.ofDays(7), Duration.ofSeconds(30), DEFAULT_WINDOW);
  }

  /**
   * PEM files for TLS.
   *
   * @param caFile CA certificate the broker's certificate must chain to
   * @param certFile the device's client certificate, {@code null} for password-only auth
   * @param keyFile the device's private key (PKCS#8 PEM)
   */
  public record Tls(Path caFile, Path certFile, Path keyFile) {}
}
