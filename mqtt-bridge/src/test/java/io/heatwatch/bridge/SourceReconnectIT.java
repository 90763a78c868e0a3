package io.heatwatch.bridge;

import static io.heatwatch.bridge.it.Fixtures.connectorConfig;
import static io.heatwatch.bridge.it.Fixtures.reading;
import static org.awaitility.Awaitility.await;

import io.heatwatch.bridge.it.KafkaTail;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.testkit.ConnectExtension;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A broker that is down when the task starts is retried with backoff; the task does not fail. */
@ExtendWith({KafkaExtension.class, ConnectExtension.class})
class SourceReconnectIT {
  @Test
  void brokerDownAtStartIsRetriedUntilItComes(
      KafkaServer kafka, ConnectWorker connect, @TempDir Path dir) throws Exception {
    String topic = "it-reconnect.readings";
    kafka.createTopics(1, topic);
    MosquittoBroker broker =
        MosquittoBroker.start(
            dir, "allow_anonymous true\npersistence true\npersistence_location /mosquitto/data/\n");
    broker.stop();
    try (broker;
        KafkaTail tail = new KafkaTail(kafka, topic)) {
      connect.putConnector(
          "it-reconnect",
          connectorConfig(
              "mqtt-source.json",
              Map.of(
                  "name", "it-reconnect",
                  "mqtt.server.uris", broker.uri(),
                  "mqtt.username", "",
                  "mqtt.password", "",
                  "mqtt.ssl.ca.location", "",
                  "mqtt.client.id", "it-reconnect",
                  "mqtt.topics", "heatwatch/v1/reconnect/+/readings",
                  "mqtt.routes", "readings:" + topic,
                  "mqtt.reconnect.backoff.min.ms", "200",
                  "mqtt.reconnect.backoff.max.ms", "1000")));
      connect.awaitRunning("it-reconnect", Duration.ofSeconds(60));

      broker.restart();
      MqttAsyncClient device = new MqttAsyncClient(broker.uri(), "dev-1", new MemoryPersistence());
      device.connect().waitForCompletion(10_000);
      String mqttTopic = MqttTopics.topic("reconnect", "dev-1", Channel.READINGS);
      long[] seq = {0};
      // Until the bridge has subscribed, the broker has nobody to deliver to: keep publishing.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                device
                    .publish(
                        mqttTopic,
                        new MqttMessage(reading("reconnect", "dev-1", ++seq[0]), 1, false, null))
                    .waitForCompletion(5_000);
                return tail.count(topic) > 0;
              });
      device.disconnect().waitForCompletion(5_000);
      device.close();
    }
    connect.deleteConnector("it-reconnect");
  }
}
