package io.heatwatch.bridge.it;

import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.testkit.MosquittoBroker;
import io.heatwatch.testkit.ProductionMosquitto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The production Mosquitto of {@code infra/} (testkit's {@link ProductionMosquitto}) and devices
 * that log in to it as themselves.
 */
public final class SecureMosquitto {
  private SecureMosquitto() {}

  /** Starts the broker in {@code dir} with one login per entry of {@code users}. */
  public static MosquittoBroker start(Path dir, Map<String, String> users) {
    return ProductionMosquitto.start(dir, Fixtures.infra(""), users);
  }

  /**
   * Publishes readings 1..perDevice of devices dev-1..dev-N on {@code site}, each device on its own
   * TLS connection logged in as itself (password {@code secret-N}), in parallel; returns once every
   * PUBACK has arrived.
   */
  public static void publishAsDevices(
      MosquittoBroker broker, Path dir, String site, int devices, int perDevice)
      throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int d = 1; d <= devices; d++) {
      String device = "dev-" + d;
      String password = "secret-" + d;
      Thread thread =
          new Thread(
              () -> {
                try {
                  MqttAsyncClient client =
                      Fixtures.publisher(broker.uri(), device, options(dir, device, password));
                  IMqttToken last = null;
                  String topic = MqttTopics.topic(site, device, Channel.READINGS);
                  for (int i = 1; i <= perDevice; i++) {
                    last =
                        Fixtures.publish(
                            client,
                            topic,
                            new MqttMessage(Fixtures.reading(site, device, i), 1, false, null));
                  }
                  last.waitForCompletion(60_000);
                  client.disconnect().waitForCompletion(10_000);
                  client.close();
                } catch (Exception e) {
                  failures.add(e);
                }
              },
              "publisher-" + device);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("publishing failed: " + failures);
    }
  }

  /** Connection options of a device: its login, and TLS trusting the test CA. */
  public static MqttConnectionOptions options(Path dir, String user, String password) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(user);
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    options.setSocketFactory(trusting(ca(dir)));
    return options;
  }

  private static SSLSocketFactory trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust " + caFile, e);
    }
  }

  /** The PEM CA the broker's certificate is signed by. */
  public static Path ca(Path dir) {
    return ProductionMosquitto.ca(dir);
  }
}
