package io.heatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.testkit.MessageCallback;
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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Mosquitto (2.0.11) runs infra/mosquitto/ as production does (TLS, passwords, the ACL,
 * memory_limit and the queue bounds): the configuration is valid, and the watchdog's canary login
 * may do what the watchdog needs.
 */
class ProductionBrokerIT {
  private static final String CANARY = "heatwatch-canary";
  private static final String CANARY_TOPIC = "heatwatch/v1/heatwatch/heatwatch-canary/readings";
  private static final String SYS_BYTES = "$SYS/broker/store/messages/bytes";

  @TempDir static Path dir;
  private static MosquittoBroker broker;
  private static MqttAsyncClient canary;
  private static final Map<String, String> received = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    broker =
        ProductionMosquitto.start(
            dir, Repo.file("infra"), Map.of(CANARY, "canary-pw", "pi-a", "pw-a"));
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(CANARY);
    options.setPassword("canary-pw".getBytes(StandardCharsets.UTF_8));
    options.setCleanStart(true);
    options.setSocketFactory(trusting(ProductionMosquitto.ca(dir)).getSocketFactory());
    canary = new MqttAsyncClient(broker.uri(), CANARY + "-it", new MemoryPersistence());
    canary.setCallback(
        new MessageCallback() {
          @Override
          public void messageArrived(String topic, MqttMessage message) {
            received.put(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
          }
        });
    canary.connect(options).waitForCompletion(10_000);
  }

  @AfterAll
  static void stop() throws Exception {
    if (canary != null) {
      if (canary.isConnected()) {
        canary.disconnect().waitForCompletion(5_000);
      }
      canary.close(true);
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
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
      return context;
    }
  }

  private static int subscribe(String topic, int qos) throws Exception {
    IMqttToken token =
        canary.subscribe(
            new MqttSubscription[] {new MqttSubscription(topic, qos)},
            null,
            null,
            new MqttProperties());
    token.waitForCompletion(10_000);
    return token.getReasonCodes()[0];
  }

  private static int publish(String topic) throws Exception {
    assertThat(canary.isConnected()).as(brokerLog()).isTrue();
    try {
      IMqttToken token =
          canary.publish(
              topic, new MqttMessage("{}".getBytes(StandardCharsets.UTF_8), 1, false, null));
      token.waitForCompletion(10_000);
      return token.getReasonCodes()[0];
    } catch (MqttException e) {
      // Paho may complete a refused QoS 1 publish with its reason code as an exception
      assertThat(e.getReasonCode()).as(e + "\n" + brokerLog()).isGreaterThanOrEqualTo(0x80);
      return e.getReasonCode();
    }
  }

  private static String brokerLog() throws IOException {
    return Files.readString(dir.resolve("mosquitto.log"));
  }

  @Test
  void theCanaryPublishesAndFollowsItsOwnReadingsAndReadsTheStoreFigures() throws Exception {
    assertThat(subscribe(CANARY_TOPIC, 1)).as("SUBACK own readings").isLessThan(0x80);
    assertThat(subscribe(SYS_BYTES, 0)).as("SUBACK " + SYS_BYTES).isLessThan(0x80);
    assertThat(publish(CANARY_TOPIC)).as("PUBACK own readings").isLessThan(0x80);
    // sys_interval 10: the store figures come within one interval
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> received.containsKey(CANARY_TOPIC) && received.containsKey(SYS_BYTES));
    assertThat(Long.parseLong(received.get(SYS_BYTES).strip())).isNotNegative();
    assertThat(canary.isConnected()).as("still connected").isTrue();
  }

  @Test
  void aRefusedPublishIsAnsweredAndTheClientStaysConnected() throws Exception {
    // Mosquitto 2.0.11 with max_queued_messages 0 and memory_limit set disconnected the client
    // after a refused QoS 1 publish (PUBACK 0x87, then the connection closed)
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(CANARY);
    options.setPassword("canary-pw".getBytes(StandardCharsets.UTF_8));
    options.setSocketFactory(trusting(ProductionMosquitto.ca(dir)).getSocketFactory());
    MqttAsyncClient client =
        new MqttAsyncClient(broker.uri(), CANARY + "-refused", new MemoryPersistence());
    try {
      client.connect(options).waitForCompletion(10_000);
      IMqttToken token =
          client.publish(
              "heatwatch/v1/home/pi-a/readings",
              new MqttMessage("{}".getBytes(StandardCharsets.UTF_8), 1, false, null));
      token.waitForCompletion(10_000);
      assertThat(token.getReasonCodes()).as("PUBACK: not authorized").containsExactly(0x87);
      IMqttToken own =
          client.publish(
              CANARY_TOPIC, new MqttMessage("{}".getBytes(StandardCharsets.UTF_8), 1, false, null));
      own.waitForCompletion(10_000);
      assertThat(own.getReasonCodes()[0]).as("the next publish on the same connection").isZero();
      assertThat(client.isConnected()).isTrue();
    } finally {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close(true);
    }
  }
}
