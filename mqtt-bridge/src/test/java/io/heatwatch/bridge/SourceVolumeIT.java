package io.heatwatch.bridge;

import static io.heatwatch.bridge.it.Fixtures.assertCompleteInOrder;
import static io.heatwatch.bridge.it.Fixtures.connectorConfig;
import static io.heatwatch.bridge.it.Fixtures.distributedWorker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.bridge.it.KafkaTail;
import io.heatwatch.bridge.it.SecureMosquitto;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MosquittoBroker;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 readings from 10 devices, each logged in as itself, through the production Mosquitto
 * config (TLS, passwords, ACL) and a distributed Connect worker started from {@code
 * infra/connect/}: none lost, per-device order kept.
 *
 * <p>Mosquitto, not HiveMQ: HiveMQ CE keeps one unacknowledged QoS 1 message per topic per
 * subscriber, so with ten device topics and acks that wait for Kafka it moves ~1,100 messages/s
 * here; Mosquitto's in-flight window is per client (max_inflight_messages).
 */
@ExtendWith(KafkaExtension.class)
class SourceVolumeIT {
  private static final int DEVICES = 10;
  private static final int PER_DEVICE = 10_000;

  @Test
  void hundredThousandReadingsArriveOnceInPerDeviceOrder(KafkaServer kafka, @TempDir Path dir)
      throws Exception {
    Map<String, String> users = new HashMap<>();
    users.put("heatwatch-bridge", "bridge-secret");
    for (int d = 1; d <= DEVICES; d++) {
      users.put("dev-" + d, "secret-" + d);
    }
    String topic = "it-volume.readings";
    kafka.createTopics(3, topic, "it-volume.dlq");
    String name = "it-volume";
    try (MosquittoBroker mosquitto = SecureMosquitto.start(dir, users);
        ConnectWorker connect = distributedWorker(kafka, dir, "it-volume-connect")) {
      connect.putConnector(
          name,
          connectorConfig(
              "mqtt-source.json",
              Map.of(
                  "name",
                  name,
                  "mqtt.server.uris",
                  mosquitto.uri(),
                  "mqtt.password",
                  "bridge-secret",
                  "mqtt.ssl.ca.location",
                  SecureMosquitto.ca(dir).toString(),
                  "mqtt.client.id",
                  name,
                  "mqtt.routes",
                  "readings:" + topic,
                  "kafka.topic.dlq",
                  "it-volume.dlq")));
      connect.awaitRunning(name, Duration.ofSeconds(60));

      long started = System.nanoTime();
      try (KafkaTail tail = new KafkaTail(kafka, topic)) {
        SecureMosquitto.publishAsDevices(mosquitto, dir, "volume", DEVICES, PER_DEVICE);
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> tail.count() >= DEVICES * PER_DEVICE);
        double seconds = (System.nanoTime() - started) / 1e9;
        var records = tail.records(topic);
        int duplicates = assertCompleteInOrder(records, DEVICES, PER_DEVICE);
        System.out.printf(
            "SourceVolumeIT: %d readings published in %.1f s, all in Kafka after %.1f s (%.0f/s),"
                + " %d duplicates%n",
            records.size(), publishSeconds, seconds, records.size() / seconds, duplicates);
        assertThat(duplicates).isZero();
      }

      ObjectName metrics =
          new ObjectName(
              "io.heatwatch.bridge:type=mqtt-source-task,connector=\"it-volume\",task=0");
      var server = ManagementFactory.getPlatformMBeanServer();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(server.getAttribute(metrics, "Forwarded")).isEqualTo(100_000L);
                assertThat(server.getAttribute(metrics, "Received")).isEqualTo(100_000L);
                assertThat(server.getAttribute(metrics, "DeadLettered")).isEqualTo(0L);
                assertThat(server.getAttribute(metrics, "PendingAcks")).isEqualTo(0);
              });
      connect.deleteConnector(name);
    }
  }
}
