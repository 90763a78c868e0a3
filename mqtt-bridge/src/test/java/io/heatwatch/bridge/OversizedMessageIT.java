package io.heatwatch.bridge;

import static io.heatwatch.bridge.it.Fixtures.header;
import static io.heatwatch.bridge.it.Fixtures.publisher;
import static io.heatwatch.bridge.it.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.bridge.it.Fixtures;
import io.heatwatch.bridge.it.KafkaTail;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.testkit.ConnectExtension;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MosquittoBroker;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's trigger: one MQTT message larger than Kafka's request limit (2.6 MB, which a broker
 * whose limit is raised accepts) must not stop the source task. It is dead-lettered with a bounded
 * prefix of its payload, its size and SHA-256, and the readings after it still arrive; so is a
 * valid reading with more than 1 MB of MQTT v5 user properties.
 */
@ExtendWith({KafkaExtension.class, ConnectExtension.class})
class OversizedMessageIT {
  private static final int HUGE = 2_600_000;
  private static final String TOPIC = "it-huge.readings";
  private static final String DLQ = "it-huge.dlq";
  private static final String NAME = "it-huge";

  @Test
  void aMessageLargerThanTheRequestLimitIsDeadLetteredTruncatedAndTheTaskStaysRunning(
      KafkaServer kafka, ConnectWorker connect, @TempDir Path dir) throws Exception {
    kafka.createTopics(1, TOPIC, DLQ);
    try (MosquittoBroker mqtt = MosquittoBroker.start(dir, Fixtures.PLAIN_MOSQUITTO);
        KafkaTail tail = new KafkaTail(kafka, TOPIC, DLQ)) {
      connect.putConnector(
          NAME,
          Map.of(
              "connector.class",
              MqttSourceConnector.class.getName(),
              "tasks.max",
              "1",
              MqttSourceConnectorConfig.SERVER_URIS_CONFIG,
              mqtt.uri(),
              MqttSourceConnectorConfig.CLIENT_ID_CONFIG,
              NAME,
              MqttSourceConnectorConfig.SHARED_GROUP_CONFIG,
              "",
              MqttSourceConnectorConfig.TOPICS_CONFIG,
              "heatwatch/v1/huge/+/readings",
              MqttSourceConnectorConfig.ROUTES_CONFIG,
              "readings:" + TOPIC,
              MqttSourceConnectorConfig.DLQ_TOPIC_CONFIG,
              DLQ));
      connect.awaitRunning(NAME, Duration.ofSeconds(60));

      byte[] huge = new byte[HUGE];
      new Random(16).nextBytes(huge);
      MqttAsyncClient device = publisher(mqtt.uri(), "pi-huge");
      String topic = MqttTopics.topic("huge", "pi-huge", Channel.READINGS);
      device.publish(topic, new MqttMessage(huge, 1, false, null)).waitForCompletion(30_000);
      // A valid reading with 1.1 MB of user properties: each would become a Kafka header.
      MqttMessage decorated = new MqttMessage(reading("huge", "pi-huge", 1), 1, false, null);
      MqttProperties properties = new MqttProperties();
      List<UserProperty> many = new ArrayList<>();
      for (int i = 0; i < 1100; i++) {
        many.add(new UserProperty("p" + i, "v".repeat(1000)));
      }
      properties.setUserProperties(many);
      decorated.setProperties(properties);
      device.publish(topic, decorated).waitForCompletion(30_000);
      for (int seq = 1; seq <= 5; seq++) {
        device
            .publish(topic, new MqttMessage(reading("huge", "pi-huge", seq), 1, false, null))
            .waitForCompletion(10_000);
      }
      device.disconnect().waitForCompletion(5_000);
      device.close();

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                connect.awaitRunning(NAME, Duration.ofSeconds(5)); // throws once FAILED
                assertThat(tail.count(TOPIC)).isEqualTo(5);
                assertThat(tail.count(DLQ)).isEqualTo(2);
              });
      var dead = tail.records(DLQ).get(0);
      assertThat(dead.value()).isEqualTo(Arrays.copyOf(huge, 64 * 1024));
      assertThat(header(dead, "heatwatch.dlq.original.size")).isEqualTo(String.valueOf(HUGE));
      assertThat(header(dead, "heatwatch.dlq.original.sha256"))
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(huge)));
      assertThat(header(dead, "heatwatch.dlq.reason")).contains(String.valueOf(HUGE));
      var decoratedDead = tail.records(DLQ).get(1);
      assertThat(header(decoratedDead, "heatwatch.dlq.reason")).contains("user properties");
      assertThat(header(decoratedDead, "mqtt.user.p0")).isNull();
      connect.awaitRunning(NAME, Duration.ofSeconds(5));
      connect.deleteConnector(NAME);
    }
  }
}
