package io.heatwatch.notifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration the notifier's ITs run with: e-mail to GreenMail, a webhook to the receiver.
 */
final class NotifierYaml {
  private NotifierYaml() {}

  /** A Standard Webhooks signing secret, whsec_ and 32 bytes in base64. */
  static final String WEBHOOK_SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  /** A key for acknowledgement links, 32 bytes. */
  static final String ACK_KEY = "0123456789abcdef0123456789abcdef";

  /** The notifier's settingsKey in these tests (an RSA key made once per test JVM). */
  static final java.security.KeyPair SETTINGS_KEY = settingsKey();

  static final String SETTINGS_KEY_PEM =
      "-----BEGIN PRIVATE KEY-----\n"
          + java.util.Base64.getMimeEncoder(
                  64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(SETTINGS_KEY.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";

  private static java.security.KeyPair settingsKey() {
    try {
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** In {@code dir}: the files holding {@link #WEBHOOK_SECRET} and {@link #ACK_KEY}. */
  static String of(String bootstrapServers, Receivers receivers, int httpPort, Path dir) {
    return """
        kafka:
          bootstrapServers: %s
        http:
          bind: 127.0.0.1
          port: %d
          publicUrl: http://127.0.0.1:%d/
        ackKey: file:%s
        settingsKey: file:%s
        channelFailedAfter: 1500 ms
        groupWindow: 0 s
        flapWindow: 0 s
        retry:
          first: 100 ms
          max: 500 ms
        channels:
          mail:
            type: email
            host: 127.0.0.1
            port: %d
            tls: NONE
            timeout: 2 s
            from: heatwatch@example.com
          hook:
            type: webhook
            url: %s
            secret: file:%s
            timeout: 2 s
        recipients:
          maria: {name: Maria, email: maria@example.com}
          boss: {name: Boss, email: boss@example.com}
        policies:
          - name: home
            match: {sites: [home]}
            levels:
              - notify: [{recipient: maria, channel: mail}, {channel: hook}]
              - notify: [{recipient: boss, channel: mail}]
        """
        .formatted(
            bootstrapServers,
            httpPort,
            httpPort,
            write(dir.resolve("ack-key"), ACK_KEY),
            write(dir.resolve("settings-key.pem"), SETTINGS_KEY_PEM),
            receivers.smtpPort(),
            receivers.hookUrl(),
            write(dir.resolve("webhook-secret"), WEBHOOK_SECRET));
  }

  private static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
