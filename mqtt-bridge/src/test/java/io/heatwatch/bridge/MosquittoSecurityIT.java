package io.heatwatch.bridge;

import static io.heatwatch.bridge.it.Fixtures.connectorConfig;
import static io.heatwatch.bridge.it.Fixtures.header;
import static io.heatwatch.bridge.it.Fixtures.highAlarm;
import static io.heatwatch.bridge.it.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.heatwatch.bridge.it.KafkaTail;
import io.heatwatch.bridge.it.SecureMosquitto;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ConnectExtension;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MessageCallback;
import io.heatwatch.testkit.MosquittoBroker;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ObjectName;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both connectors against Debian's Mosquitto running {@code infra/mosquitto/} (TLS on the only
 * listener, passwords, the topic ACL), configured from {@code infra/connect/}.
 */
@ExtendWith({KafkaExtension.class, ConnectExtension.class})
class MosquittoSecurityIT {
  private static final String BRIDGE_PASSWORD = "bridge-secret";
  private static final Map<String, String> USERS =
      Map.of(
          "heatwatch-bridge", BRIDGE_PASSWORD,
          "pi-a", "secret-a",
          "pi-b", "secret-b",
          "dev-1", "secret-1",
          "dev-2", "secret-2");

  @TempDir static Path dir;
  private static MosquittoBroker mosquitto;

  @BeforeAll
  static void startBroker() throws Exception {
    mosquitto = SecureMosquitto.start(dir, USERS);
  }

  @AfterAll
  static void stopBroker() {
    mosquitto.close();
  }

  @Test
  void devicesPublishOnlyTheirOwnReadingsOverTls(KafkaServer kafka, ConnectWorker connect)
      throws Exception {
    String topic = "it-tls.readings";
    kafka.createTopics(1, topic, "it-tls.dlq");
    Map<String, String> config =
        connectorConfig(
            "mqtt-source.json",
            Map.of(
                "name",
                "it-tls",
                "mqtt.server.uris",
                mosquitto.uri(),
                "mqtt.password",
                BRIDGE_PASSWORD,
                "mqtt.ssl.ca.location",
                SecureMosquitto.ca(dir).toString(),
                "mqtt.client.id",
                "it-tls",
                "mqtt.routes",
                "readings:" + topic + ",status:" + topic,
                "kafka.topic.dlq",
                "it-tls.dlq"));
    assertThat(config).containsEntry("mqtt.username", "heatwatch-bridge");
    connect.putConnector("it-tls", config);
    connect.awaitRunning("it-tls", Duration.ofSeconds(60));

    try (KafkaTail tail = new KafkaTail(kafka, topic)) {
      MqttAsyncClient piA = device("pi-a", "secret-a");
      String own = MqttTopics.topic("lab", "pi-a", Channel.READINGS);
      String foreign = MqttTopics.topic("lab", "pi-b", Channel.READINGS);
      piA.publish(own, new MqttMessage(reading("lab", "pi-a", 1), 1, false, null))
          .waitForCompletion(10_000);
      IMqttToken refused =
          piA.publish(foreign, new MqttMessage(reading("lab", "pi-b", 1), 1, false, null));
      assertRefused(refused);
      piA.publish(own, new MqttMessage(reading("lab", "pi-a", 2), 1, false, null))
          .waitForCompletion(10_000);

      await().atMost(Duration.ofSeconds(30)).until(() -> tail.count(topic) >= 2);
      assertThat(tail.records(topic))
          .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
          .containsExactly("pi-a", "pi-a");
      piA.disconnect().waitForCompletion(5_000);
      piA.close();
    }
    connect.deleteConnector("it-tls");
  }

  @Test
  void twoTasksShareTheLoadThroughASharedSubscription(KafkaServer kafka, ConnectWorker connect)
      throws Exception {
    String topic = "it-shared.readings";
    kafka.createTopics(3, topic, "it-shared.dlq");
    connect.putConnector(
        "it-shared",
        connectorConfig(
            "mqtt-source.json",
            Map.of(
                "name", "it-shared",
                "tasks.max", "2",
                "mqtt.server.uris", mosquitto.uri(),
                "mqtt.password", BRIDGE_PASSWORD,
                "mqtt.ssl.ca.location", SecureMosquitto.ca(dir).toString(),
                "mqtt.client.id", "it-shared",
                "mqtt.shared.group", "it-shared",
                "mqtt.topics", "heatwatch/v1/shared/+/readings",
                "mqtt.routes", "readings:" + topic,
                "kafka.topic.dlq", "it-shared.dlq")));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(connect.status("it-shared").path("tasks")).hasSize(2));
    connect.awaitRunning("it-shared", Duration.ofSeconds(60));

    int perDevice = 1_000;
    try (KafkaTail tail = new KafkaTail(kafka, topic)) {
      SecureMosquitto.publishAsDevices(mosquitto, dir, "shared", 2, perDevice);
      await().atMost(Duration.ofSeconds(60)).until(() -> tail.count(topic) >= 2 * perDevice);
      // Two tasks interleave a device's messages, so only completeness is checked, not order.
      assertThat(
              tail.records(topic).stream()
                  .map(r -> TelemetryCodec.decodeReading(r.value()))
                  .map(r -> r.deviceId() + ":" + r.seq())
                  .distinct()
                  .count())
          .isEqualTo(2 * perDevice);
    }
    long task0 = received("it-shared", 0);
    long task1 = received("it-shared", 1);
    System.out.printf("tasks.max=2: task 0 received %d, task 1 received %d%n", task0, task1);
    assertThat(task0).isPositive();
    assertThat(task1).isPositive();
    assertThat(task0 + task1).isEqualTo(2 * perDevice);
    connect.deleteConnector("it-shared");
  }

  private static long received(String connector, int task) throws Exception {
    return (Long)
        ManagementFactory.getPlatformMBeanServer()
            .getAttribute(
                new ObjectName(
                    "io.heatwatch.bridge:type=mqtt-source-task,connector=\""
                        + connector
                        + "\",task="
                        + task),
                "Received");
  }

  @Test
  void aWrongBridgePasswordFailsTheTaskNamingTheSetting(ConnectWorker connect) {
    connect.putConnector(
        "it-badpass",
        connectorConfig(
            "mqtt-source.json",
            Map.of(
                "name", "it-badpass",
                "mqtt.server.uris", mosquitto.uri(),
                "mqtt.password", "wrong",
                "mqtt.ssl.ca.location", SecureMosquitto.ca(dir).toString(),
                "mqtt.client.id", "it-badpass")));
    assertThatThrownBy(() -> connect.awaitRunning("it-badpass", Duration.ofSeconds(30)))
        .hasMessageContaining("FAILED")
        .hasMessageContaining("mqtt.password");
    connect.deleteConnector("it-badpass");
  }

  @Test
  void wrongPasswordAndPlainTextAreRefused() {
    assertThatThrownBy(() -> device("pi-a", "wrong")).isInstanceOf(MqttException.class);
    assertThatThrownBy(
            () ->
                new MqttAsyncClient(
                        mosquitto.uri().replace("ssl://", "tcp://"),
                        "plain",
                        new MemoryPersistence())
                    .connect(options("pi-a", "secret-a", false))
                    .waitForCompletion(5_000))
        .isInstanceOf(MqttException.class);
  }

  @Test
  void sinkDeliversAlarmsAndPerSensorConfigToTheRightDeviceAndBadRecordsToTheDlq(
      KafkaServer kafka, ConnectWorker connect) throws Exception {
    String dlq = "it-downlink.dlq";
    kafka.createTopics(1, KafkaTopics.ALARMS, dlq);
    kafka.createCompactedTopic(KafkaTopics.SENSOR_CONFIG, 1);
    Received piA = new Received();
    Received piB = new Received();
    MqttAsyncClient a = device("pi-a", "secret-a", piA);
    MqttAsyncClient b = device("pi-b", "secret-b", piB);
    a.subscribe(MqttTopics.topic("lab", "pi-a", Channel.ALARMS), 1).waitForCompletion(5_000);
    // Mosquitto grants this SUBACK but checks the read ACL on every delivery: pi-a gets nothing.
    a.subscribe(MqttTopics.topic("lab", "pi-b", Channel.ALARMS), 1).waitForCompletion(5_000);
    b.subscribe(MqttTopics.topic("lab", "pi-b", Channel.ALARMS), 1).waitForCompletion(5_000);

    connect.putConnector(
        "it-downlink",
        connectorConfig(
            "mqtt-sink.json",
            Map.of(
                "name",
                "it-downlink",
                "mqtt.server.uris",
                mosquitto.uri(),
                "mqtt.password",
                BRIDGE_PASSWORD,
                "mqtt.ssl.ca.location",
                SecureMosquitto.ca(dir).toString(),
                "errors.deadletterqueue.topic.name",
                dlq)));
    connect.awaitRunning("it-downlink", Duration.ofSeconds(60));

    Instant now = Instant.parse("2026-11-24T10:15:30.125Z");
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka);
        KafkaTail tail = new KafkaTail(kafka, dlq)) {
      producer.send(new ProducerRecord<>(KafkaTopics.ALARMS, "{not an alarm".getBytes()));
      producer.send(
          new ProducerRecord<>(KafkaTopics.ALARMS, TelemetryCodec.encode(highAlarm("pi-a", now))));
      producer.send(
          new ProducerRecord<>(KafkaTopics.ALARMS, TelemetryCodec.encode(highAlarm("pi-b", now))));
      for (String sensor : List.of("pi-a-t1", "pi-a-t2")) {
        producer.send(
            new ProducerRecord<>(
                KafkaTopics.SENSOR_CONFIG,
                sensor.getBytes(),
                TelemetryCodec.encode(
                    SensorConfig.builder()
                        .sensorId(sensor)
                        .site("lab")
                        .deviceId("pi-a")
                        .name(sensor)
                        .highC(8.0)
                        .lowC(0.0)
                        .hysteresisC(0.5)
                        .maxRateCPerMin(2.0)
                        .minDurationS(120L)
                        .updatedAt(now)
                        .updatedBy("it")
                        .build())));
      }
      producer.flush();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(piA.byTopic)
                    .containsKey(MqttTopics.topic("lab", "pi-a", Channel.ALARMS));
                assertThat(tail.count(dlq)).isEqualTo(1);
              });
      Alarm delivered =
          TelemetryCodec.decodeAlarm(
              piA.byTopic.get(MqttTopics.topic("lab", "pi-a", Channel.ALARMS)).get(0));
      assertThat(delivered.alarmId()).isEqualTo(highAlarm("pi-a", now).alarmId());
      assertThat(piA.byTopic).containsOnlyKeys(MqttTopics.topic("lab", "pi-a", Channel.ALARMS));
      assertThat(piB.byTopic).containsOnlyKeys(MqttTopics.topic("lab", "pi-b", Channel.ALARMS));
      var rejected = tail.records(dlq).get(0);
      assertThat(new String(rejected.value(), StandardCharsets.UTF_8)).isEqualTo("{not an alarm");
      assertThat(header(rejected, "__connect.errors.exception.message")).isNotBlank();
    }

    // A device that (re)connects later gets the thresholds of each of its sensors, retained.
    Received late = new Received();
    MqttAsyncClient again = device("pi-a", "secret-a", late);
    again.subscribe(MqttTopics.configFilter("lab", "pi-a"), 1).waitForCompletion(5_000);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(late.byTopic.keySet())
                    .containsExactlyInAnyOrder(
                        MqttTopics.configTopic("lab", "pi-a", "pi-a-t1"),
                        MqttTopics.configTopic("lab", "pi-a", "pi-a-t2")));
    for (MqttAsyncClient client : List.of(a, b, again)) {
      client.disconnect().waitForCompletion(5_000);
      client.close();
    }
    connect.deleteConnector("it-downlink");
  }

  /** A QoS 1 publish the broker refused: an error PUBACK or a failed token. */
  private static void assertRefused(IMqttToken token) {
    try {
      token.waitForCompletion(10_000);
      assertThat(token.getReasonCodes()).as("PUBACK reason codes").containsOnly(0x87);
    } catch (MqttException e) {
      assertThat(e.getReasonCode()).isEqualTo(0x87);
    }
  }

  private static MqttAsyncClient device(String user, String password) throws MqttException {
    return device(user, password, new Received());
  }

  private static MqttAsyncClient device(String user, String password, Received received)
      throws MqttException {
    MqttAsyncClient client =
        new MqttAsyncClient(
            mosquitto.uri(), user + "-" + System.nanoTime(), new MemoryPersistence());
    client.setCallback(received);
    client.connect(options(user, password, true)).waitForCompletion(10_000);
    return client;
  }

  private static MqttConnectionOptions options(String user, String password, boolean tls) {
    if (tls) {
      return SecureMosquitto.options(dir, user, password);
    }
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(user);
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    return options;
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaServer kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Collects what a device receives, by topic. */
  private static final class Received extends MessageCallback {
    final Map<String, List<byte[]>> byTopic = new ConcurrentHashMap<>();

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      byTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(message.getPayload());
    }
  }
}
