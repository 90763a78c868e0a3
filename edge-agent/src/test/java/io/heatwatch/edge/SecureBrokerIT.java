package io.heatwatch.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.edge.gpio.NoActuators;
import io.heatwatch.edge.outbox.OutboxLimits;
import io.heatwatch.edge.outbox.SqliteOutbox;
import io.heatwatch.edge.publish.MqttSession;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.edge.sensor.SimulatedSensor;
import io.heatwatch.edge.sensor.SpikePlan;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.MosquittoBroker;
import io.heatwatch.testkit.ProductionMosquitto;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against Debian's Mosquitto with the production config of {@code infra/}: TLS only,
 * passwords, and the per-device ACL.
 */
class SecureBrokerIT {
  private static final Map<String, String> USERS =
      Map.of(
          "pi-tls",
          "device-secret",
          "pi-kitchen",
          "kitchen-secret",
          "heatwatch-bridge",
          "bridge-secret");

  @TempDir static Path dir;
  static MosquittoBroker broker;

  @BeforeAll
  static void start() {
    broker =
        ProductionMosquitto.start(
            dir.resolve("mosquitto"), ProductionMosquitto.infraOfRepository(), USERS);
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private Agent agent(String user, String password, ScheduledExecutorService scheduler, Path data) {
    return agent(
        user,
        password,
        new MqttSettings.Tls(ProductionMosquitto.ca(dir.resolve("mosquitto")), null, null),
        scheduler,
        data);
  }

  private Agent agent(
      String user,
      String password,
      MqttSettings.Tls tls,
      ScheduledExecutorService scheduler,
      Path data) {
    MqttSettings settings =
        MqttSettings.builder(broker.uri())
            .login(user, password.toCharArray())
            .tls(tls)
            .sessionExpiry(Duration.ofDays(1))
            .build();
    AgentIdentity identity = AgentIdentity.of("lab", "pi-tls");
    List<Sensor> sensors = List.of(new SimulatedSensor("pi-tls-t1", 21, 1, SpikePlan.NONE));
    return Agent.builder()
        .identity(identity)
        .sensors(() -> sensors)
        .outbox(
            SqliteOutbox.open(
                data.resolve("outbox.db"), identity, OutboxLimits.DEFAULT, Clock.systemUTC()))
        .uplink(new MqttSession(settings, "lab", "pi-tls", scheduler), settings.batching())
        .clock(Clock.systemUTC())
        .scheduler(scheduler)
        .localAlarms(new LocalAlarms(new NoActuators("test"), 0, Clock.systemUTC()))
        .build();
  }

  @Test
  void agentDeliversOverTlsWithItsPasswordAndKeepsReadingsWhenRefused() throws Exception {
    List<Reading> received = new CopyOnWriteArrayList<>();
    MqttClient bridge = new MqttClient(broker.uri(), "bridge-view", new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName("heatwatch-bridge");
    options.setPassword("bridge-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    options.setSocketFactory(
        io.heatwatch.edge.publish.TlsTestSockets.trusting(
            ProductionMosquitto.ca(dir.resolve("mosquitto"))));
    bridge.connect(options);
    bridge.subscribe(
        new MqttSubscription[] {new MqttSubscription("heatwatch/v1/+/+/readings", 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, message) -> received.addAll(TelemetryCodec.decodeReadings(message.getPayload()))
        });

    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    try {
      try (Agent wrong = agent("pi-tls", "not-the-password", scheduler, dir.resolve("wrong"))) {
        wrong.connect();
        wrong.tick();
        wrong.tick();
        assertThat(wrong.waiting()).as("refused login: readings wait on disk").isEqualTo(2);
        assertThat(received).isEmpty();
      }
      try (Agent agent = agent("pi-tls", "device-secret", scheduler, dir.resolve("right"))) {
        agent.connect();
        for (int i = 0; i < 20; i++) {
          agent.tick();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.waiting() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 20);
      }
      assertThat(received).extracting(Reading::deviceId).containsOnly("pi-tls");
    } finally {
      scheduler.shutdownNow();
      bridge.disconnect();
      bridge.close();
    }
  }

  /**
   * The per-device ACL ({@code %u}) answers PUBACK 0x87 when the user name is not the device id,
   * e.g. {@code HEATWATCH_DEVICE_ID} set per SD card while {@code mqtt.username} stays the shared
   * file's: Paho completes such a token successfully, yet nothing was delivered.
   */
  @Test
  void aPublishTheBrokerRefusesStaysInTheOutboxAndIsCounted() throws Exception {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    try (Agent agent = agent("pi-kitchen", "kitchen-secret", scheduler, dir.resolve("refused"))) {
      agent.connect();
      agent.tick();
      agent.tick();
      agent.tick();
      await().atMost(Duration.ofSeconds(20)).until(() -> agent.refused() >= 3);
      assertThat(agent.waiting()).as("refused readings stay in the outbox").isEqualTo(3);
      assertThat(agent.published()).isZero();
      assertThat(agent.status().refused()).isGreaterThanOrEqualTo(3L);
      long before = agent.refused();
      agent.tick();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(agent.refused()).isGreaterThan(before));
      assertThat(agent.waiting()).isEqualTo(4);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void agentLoadsItsPemClientCertificateAndKeyAndConnects() throws Exception {
    // make-certs.sh keeps the CA and adds a client certificate signed by it.
    Path certs = dir.resolve("mosquitto").resolve("certs");
    ProcessBuilder withClient =
        new ProcessBuilder(
                "bash",
                ProductionMosquitto.infraOfRepository().resolve("certs/make-certs.sh").toString(),
                certs.toString())
            .redirectErrorStream(true);
    withClient.environment().put("CLIENTS", "pi-tls");
    Process client = withClient.start();
    String output = new String(client.getInputStream().readAllBytes());
    assertThat(client.waitFor()).as(output).isZero();
    MqttSettings.Tls tls =
        new MqttSettings.Tls(
            ProductionMosquitto.ca(dir.resolve("mosquitto")),
            certs.resolve("pi-tls.crt"),
            certs.resolve("pi-tls.key"));
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    try (Agent agent = agent("pi-tls", "device-secret", tls, scheduler, dir.resolve("cert"))) {
      agent.connect();
      agent.tick();
      await().atMost(Duration.ofSeconds(20)).until(() -> agent.waiting() == 0);
    } finally {
      scheduler.shutdownNow();
    }
  }
}
