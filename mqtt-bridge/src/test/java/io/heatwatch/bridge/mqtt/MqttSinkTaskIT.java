package io.heatwatch.bridge.mqtt;

import static org.awaitility.Awaitility.await;

import io.heatwatch.bridge.it.Fixtures;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.MqttBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.sink.SinkRecord;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downlink task on HiveMQ CE, whose receive maximum of 10 is smaller than a put's batch. */
class MqttSinkTaskIT {
  private static final int ALARMS = 200;
  private static final Instant T0 = Instant.parse("2026-11-24T10:15:30.125Z");

  @Test
  void aBatchLargerThanTheBrokersReceiveMaximumIsDeliveredInOnePut(@TempDir Path dir)
      throws Exception {
    try (MqttBroker broker = MqttBroker.start(dir, 0)) {
      Set<String> received = ConcurrentHashMap.newKeySet();
      MqttClient device = new MqttClient(broker.uri(), "pi-burst", new MemoryPersistence());
      device.connect();
      IMqttMessageListener listener =
          (topic, message) ->
              received.add(TelemetryCodec.decodeAlarm(message.getPayload()).alarmId());
      device
          .subscribe(
              new MqttSubscription[] {
                new MqttSubscription(MqttTopics.topic("lab", "pi-burst", Channel.ALARMS), 1)
              },
              new IMqttMessageListener[] {listener})
          .waitForCompletion(10_000);

      MqttSinkTask task = new MqttSinkTask();
      task.start(
          Map.of(
              "mqtt.server.uris", broker.uri(),
              "mqtt.client.id", "it-burst",
              "mqtt.username", "",
              "mqtt.password", ""));
      try {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < ALARMS; i++) {
          records.add(
              new SinkRecord(
                  KafkaTopics.ALARMS,
                  0,
                  null,
                  null,
                  null,
                  TelemetryCodec.encode(Fixtures.highAlarm("pi-burst", T0.plusSeconds(i))),
                  i));
        }
        task.put(records);
      } finally {
        task.stop();
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == ALARMS);
      device.disconnect();
      device.close();
    }
  }
}
