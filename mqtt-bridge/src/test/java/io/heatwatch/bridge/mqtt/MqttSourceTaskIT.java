package io.heatwatch.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.FaultProxy;
import io.heatwatch.testkit.MqttBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source task on HiveMQ CE, outside a Connect worker. */
class MqttSourceTaskIT {
  private static final Duration LATENCY = Duration.ofSeconds(1);

  /**
   * Connect reports a task RUNNING once {@code start} returns and devices publish from then on; a
   * message the broker gets before the task's SUBSCRIBE has no subscriber and is dropped. With a
   * second between the task and the broker, its SUBSCRIBE arrives well after a device next to the
   * broker publishes, unless {@code start} waits for the SUBACK.
   */
  @Test
  void aMessagePublishedRightAfterStartIsDelivered(@TempDir Path dir) throws Exception {
    try (MqttBroker broker = MqttBroker.start(dir, 0);
        FaultProxy network = FaultProxy.start("127.0.0.1", broker.port(), 1)) {
      network.latency(LATENCY);
      MqttClient device = new MqttClient(broker.uri(), "pi-start", new MemoryPersistence());
      device.connect();
      MqttSourceTask task = new MqttSourceTask();
      task.start(
          Map.of(
              "mqtt.server.uris", network.uri(),
              "mqtt.client.id", "it-start",
              "mqtt.clean.start", "true"));
      try {
        Reading reading =
            Reading.ok("lab", "pi-start", "t1", 1, Instant.parse("2026-12-02T10:00:00Z"), 20.5);
        device.publish(
            MqttTopics.topic("lab", "pi-start", Channel.READINGS),
            new MqttMessage(TelemetryCodec.encode(reading), 1, false, null));
        device.disconnect();
        device.close();

        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (records.isEmpty() && System.nanoTime() < deadline) {
          List<SourceRecord> polled = task.poll();
          if (polled != null) {
            records.addAll(polled);
          }
        }
        assertThat(records).hasSize(1);
        assertThat(records.get(0).topic()).isEqualTo(KafkaTopics.READINGS);
        assertThat(TelemetryCodec.decodeReading((byte[]) records.get(0).value()))
            .isEqualTo(reading);
      } finally {
        task.stop();
      }
    }
  }
}
