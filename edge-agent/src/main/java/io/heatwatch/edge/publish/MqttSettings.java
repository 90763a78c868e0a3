package io.heatwatch.edge.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the agent connects to its MQTT broker; built once with {@link #builder(String)}.
 *
 * @param serverUri e.g. {@code ssl://broker:8883} ({@code tcp://} only on a trusted network)
 * @param username user name, {@code null} for none
 * @param password password, {@code null} for none
 * @param tls CA and client certificate for {@code ssl://}, {@code null} for the JVM's defaults
 * @param sessionExpiry how long the broker keeps the session (and queued downlink) while away
 * @param keepAlive MQTT keep-alive interval
 * @param batching messages in flight and readings per message at most
 */
public record MqttSettings(
    String serverUri,
    String username,
    char[] password,
    Tls tls,
    Duration sessionExpiry,
    Duration keepAlive,
    Batching batching) {

  public MqttSettings {
    if (serverUri == null || !(serverUri.startsWith("tcp://") || serverUri.startsWith("ssl://"))) {
      throw new IllegalArgumentException(
          "mqtt.uri must start with tcp:// or ssl://, got " + serverUri);
    }
    Objects.requireNonNull(sessionExpiry, "sessionExpiry");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(batching, "batching");
  }

  /** Plain settings for a broker on loopback without authentication (tests, the demo). */
  public static MqttSettings plain(String serverUri) {
    return builder(serverUri).build();
  }

  /**
   * Settings for {@code serverUri}: no login, the JVM's TLS defaults, a session kept 7 days, a
   * keep-alive of 30 s and {@link Batching#DEFAULT}, until set otherwise.
   */
  public static Builder builder(String serverUri) {
    return new Builder(serverUri);
  }

  /** Collects the settings; {@link #build()} validates them. */
  public static final class Builder {
    private final String serverUri;
    private String username;
    private char[] password;
    private Tls tls;
    private Duration sessionExpiry = Duration.ofDays(7);
    private Duration keepAlive = Duration.ofSeconds(30);
    private Batching batching = Batching.DEFAULT;

    private Builder(String serverUri) {
      this.serverUri = serverUri;
    }

    /** The user name and password to log in with, {@code null} for none. */
    public Builder login(String username, char[] password) {
      this.username = username;
      this.password = password;
      return this;
    }

    /** PEM files for {@code ssl://}, {@code null} for the JVM's defaults. */
    public Builder tls(Tls tls) {
      this.tls = tls;
      return this;
    }

    /** How long the broker keeps the session while the device is away. */
    public Builder sessionExpiry(Duration sessionExpiry) {
      this.sessionExpiry = sessionExpiry;
      return this;
    }

    /** The MQTT keep-alive interval. */
    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    /** Messages in flight and readings per message at most. */
    public Builder batching(Batching batching) {
      this.batching = batching;
      return this;
    }

    public MqttSettings build() {
      return new MqttSettings(
          serverUri, username, password, tls, sessionExpiry, keepAlive, batching);
    }
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
