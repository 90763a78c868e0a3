package io.heatwatch.bridge;

import static io.heatwatch.bridge.it.Fixtures.assertCompleteInOrder;
import static io.heatwatch.bridge.it.Fixtures.connectorConfig;
import static io.heatwatch.bridge.it.Fixtures.distributedWorker;
import static io.heatwatch.bridge.it.Fixtures.publishReadings;
import static io.heatwatch.bridge.it.Fixtures.publisher;
import static org.awaitility.Awaitility.await;

import io.heatwatch.bridge.it.KafkaTail;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MqttBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distributed worker started from {@code infra/connect/connect-distributed.properties}; while
 * readings stream in, the task is restarted, then the whole worker, then the MQTT broker. Nothing
 * may be lost; duplicates (the price of at least once) are counted and printed.
 */
@ExtendWith(KafkaExtension.class)
class SourceResilienceIT {
  private static final int DEVICES = 10;
  private static final int PHASE = 250; // readings per device per phase
  private static final String TOPIC = "it-resilience.readings";
  private static final String NAME = "it-resilience";
  private static final String GROUP = "it-resilience-connect";

  @Test
  void restartsOfTaskWorkerAndBrokerLoseNothing(KafkaServer kafka, @TempDir Path dir)
      throws Exception {
    kafka.createTopics(3, TOPIC, "it-resilience.dlq");
    // Its own broker: restarting the JVM-wide one would disturb the other tests' sessions.
    try (MqttBroker mqtt = MqttBroker.start(dir.resolve("hivemq"), 0)) {
      run(kafka, mqtt, dir);
    }
  }

  private void run(KafkaServer kafka, MqttBroker mqtt, Path dir) throws Exception {
    ConnectWorker worker = startWorker(kafka, dir);
    try (KafkaTail tail = new KafkaTail(kafka, TOPIC)) {
      worker.putConnector(NAME, sourceConfig(mqtt));
      worker.awaitRunning(NAME, Duration.ofSeconds(60));
      MqttAsyncClient publisher = publisher(mqtt.uri(), "it-resilience-pub");

      publishReadings(publisher, "resil", DEVICES, 1, PHASE);
      awaitAtLeast(tail, DEVICES * PHASE / 2);
      worker.restartTask(NAME, 0);
      worker.awaitRunning(NAME, Duration.ofSeconds(60));

      publishReadings(publisher, "resil", DEVICES, PHASE + 1, 2 * PHASE);
      awaitAtLeast(tail, DEVICES * PHASE * 3 / 2);
      worker.close();
      worker = startWorker(kafka, dir);
      worker.awaitRunning(NAME, Duration.ofSeconds(60));

      publishReadings(publisher, "resil", DEVICES, 2 * PHASE + 1, 3 * PHASE);
      publisher.disconnect().waitForCompletion(10_000);
      publisher.close();
      awaitAtLeast(tail, DEVICES * PHASE * 5 / 2);
      mqtt.restart();

      publisher = publisher(mqtt.uri(), "it-resilience-pub");
      publishReadings(publisher, "resil", DEVICES, 3 * PHASE + 1, 4 * PHASE);
      publisher.disconnect().waitForCompletion(10_000);
      publisher.close();
      awaitAtLeast(tail, DEVICES * PHASE * 4);

      // Redeliveries may still trickle in; let the bridge settle before counting.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(new Stable(tail));
      List<?> records = tail.records(TOPIC);
      int duplicates = assertCompleteInOrder(tail.records(TOPIC), DEVICES, 4 * PHASE);
      System.out.printf(
          "SourceResilienceIT: %d unique readings, %d duplicates after a task restart, a worker"
              + " restart and a broker restart (%d records in Kafka)%n",
          DEVICES * 4 * PHASE, duplicates, records.size());
      worker.deleteConnector(NAME);
    } finally {
      worker.close();
    }
  }

  private static Map<String, String> sourceConfig(MqttBroker mqtt) {
    return connectorConfig(
        "mqtt-source.json",
        Map.of(
            "name",
            NAME,
            "mqtt.server.uris",
            mqtt.uri(),
            "mqtt.username",
            "",
            "mqtt.password",
            "",
            "mqtt.ssl.ca.location",
            "",
            "mqtt.client.id",
            NAME,
            "mqtt.shared.group",
            NAME,
            "mqtt.topics",
            "heatwatch/v1/resil/+/readings",
            "mqtt.routes",
            "readings:" + TOPIC,
            "kafka.topic.dlq",
            "it-resilience.dlq"));
  }

  private static ConnectWorker startWorker(KafkaServer kafka, Path dir) {
    return distributedWorker(kafka, dir, GROUP);
  }

  private static void awaitAtLeast(KafkaTail tail, int count) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> tail.count(TOPIC) >= count);
  }

  /** True once the record count stopped changing between two polls. */
  private static final class Stable implements java.util.concurrent.Callable<Boolean> {
    private final KafkaTail tail;
    private long last = -1;

    Stable(KafkaTail tail) {
      this.tail = tail;
    }

    @Override
    public Boolean call() {
      long now = tail.count(TOPIC);
      boolean stable = now == last;
      last = now;
      return stable;
    }
  }
}
