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
 * @param window messages published and not yet acknowledged at most
 * @param batch readings per message at most: what the outbox holds is sent as JSON arrays of up to
 *     this many readings, so a tick of several sensors, or a backlog, costs one message per batch
 */
public record MqttSettings(
    String serverUri,
    String username,
    char[] password,
    Tls tls,
    Duration sessionExpiry,
    Duration keepAlive,
    int window,
    int batch) {

  /**
   * Readings in flight by default: below the receive maximum brokers grant by default (HiveMQ 10,
   * Mosquitto 20), so status messages always have room.
   */
  public static final int DEFAULT_WINDOW = 8;

  /** Readings per message by default: ~10 KB, far below the contract's 256 KiB. */
  public static final int DEFAULT_BATCH = 50;

  /** Readings per message at most: 500 readings with the longest ids allowed stay below 256 KiB. */
  public static final int MAX_BATCH = 500;

  public MqttSettings {
    if (serverUri == null || !(serverUri.startsWith("tcp://") || serverUri.startsWith("ssl://"))) {
      throw new IllegalArgumentException(
          "mqtt.uri must start with tcp:// or ssl://, got " + serverUri);
    }
    if (window < 1 || window > 1000) {
      throw new IllegalArgumentException("mqtt.window must be within 1..1000, got " + window);
    }
    if (batch < 1 || batch > MAX_BATCH) {
      throw new IllegalArgumentException(
          "mqtt.batch must be within 1.." + MAX_BATCH + ", got " + batch);
    }
  }

  /** Plain settings for a broker on loopback without authentication (tests, the demo). */
  public static MqttSettings plain(String serverUri) {
    return new MqttSettings(
        serverUri,
        null,
        null,
        null,
        Duration.ofDays(7),
        Duration.ofSeconds(30),
        DEFAULT_WINDOW,
        DEFAULT_BATCH);
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
