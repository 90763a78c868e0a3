package io.heatwatch.bridge;

import static io.heatwatch.bridge.it.Fixtures.header;
import static io.heatwatch.bridge.it.Fixtures.highAlarm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heatwatch.bridge.it.KafkaTail;
import io.heatwatch.bridge.mqtt.MqttSourceTask;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ConnectExtension;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MosquittoBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT v5 reason codes on Debian's Mosquitto with an ACL that refuses the bridge's login both its
 * subscription and its downlink publishes (the dynamic security plugin's admin client may do
 * neither; Mosquitto's acl_file never refuses a SUBSCRIBE, it only withholds deliveries).
 */
@ExtendWith({KafkaExtension.class, ConnectExtension.class})
class RefusalsIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "admin-secret";
  private static final String PLUGIN = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

  @TempDir static Path dir;
  private static MosquittoBroker mosquitto;

  @BeforeAll
  static void startBroker() throws Exception {
    Process init =
        new ProcessBuilder(
                "mosquitto_ctrl",
                "dynsec",
                "init",
                dir.resolve("dynsec.json").toString(),
                USER,
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    if (init.waitFor() != 0) {
      throw new IOException(new String(init.getInputStream().readAllBytes()));
    }
    // The admin role may subscribe to and receive '#'; take that away, keeping $CONTROL and $SYS.
    Path file = dir.resolve("dynsec.json");
    ObjectMapper json = new ObjectMapper();
    JsonNode config = json.readTree(file.toFile());
    for (JsonNode role : config.path("roles")) {
      ArrayNode kept = json.createArrayNode();
      role.path("acls")
          .forEach(
              acl -> {
                if (!"#".equals(acl.path("topic").asText())) {
                  kept.add(acl);
                }
              });
      ((ObjectNode) role).set("acls", kept);
    }
    json.writeValue(file.toFile(), config);
    mosquitto =
        MosquittoBroker.start(
            dir,
            """
            listener 1883
            allow_anonymous false
            persistence false
            plugin %s
            plugin_opt_config_file /mosquitto/dynsec.json
            log_dest stdout
            log_type error
            log_type warning
            """
                .formatted(PLUGIN));
  }

  @AfterAll
  static void stopBroker() {
    mosquitto.close();
  }

  @Test
  void aRefusedSubscriptionFailsStartNamingTheReasonAndFilter() {
    MqttSourceTask task = new MqttSourceTask();
    try {
      assertThatThrownBy(
              () ->
                  task.start(
                      Map.of(
                          "mqtt.server.uris",
                          mosquitto.uri(),
                          "mqtt.client.id",
                          "it-refused-sub",
                          "mqtt.username",
                          USER,
                          "mqtt.password",
                          PASSWORD,
                          "mqtt.shared.group",
                          "",
                          "mqtt.topics",
                          "heatwatch/v1/+/+/readings")))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("0x87")
          .hasMessageContaining("heatwatch/v1/+/+/readings");
    } finally {
      task.stop();
    }
  }

  @Test
  void aPublishTheBrokerRefusesGoesToTheSinksDeadLetterQueue(
      KafkaServer kafka, ConnectWorker connect) throws Exception {
    String alarms = "it-refused.alarms";
    String dlq = "it-refused.dlq";
    kafka.createTopics(1, alarms, dlq);
    connect.putConnector(
        "it-refused-sink",
        Map.of(
            "connector.class",
            MqttSinkConnector.class.getName(),
            "tasks.max",
            "1",
            "topics",
            alarms,
            "mqtt.server.uris",
            mosquitto.uri(),
            "mqtt.client.id",
            "it-refused-sink",
            "mqtt.username",
            USER,
            "mqtt.password",
            PASSWORD,
            "errors.tolerance",
            "all",
            "errors.deadletterqueue.topic.name",
            dlq,
            "errors.deadletterqueue.context.headers.enable",
            "true"));
    connect.awaitRunning("it-refused-sink", Duration.ofSeconds(60));
    byte[] alarm = TelemetryCodec.encode(highAlarm("pi-a", Instant.parse("2026-12-04T10:00:00Z")));
    try (KafkaTail tail = new KafkaTail(kafka, dlq);
        KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      producer.send(new ProducerRecord<>(alarms, alarm)).get();
      await().atMost(Duration.ofSeconds(30)).until(() -> tail.count(dlq) == 1);
      var refused = tail.records(dlq).get(0);
      assertThat(refused.value()).isEqualTo(alarm);
      assertThat(header(refused, "__connect.errors.exception.message"))
          .contains("0x87")
          .contains("heatwatch/v1/lab/pi-a/alarms");
    }
    connect.awaitRunning("it-refused-sink", Duration.ofSeconds(5));
    connect.deleteConnector("it-refused-sink");
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaServer kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
