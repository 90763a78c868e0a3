package io.heatwatch.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.edge.SimulatedFleet.FleetSpec;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.SpikePlan;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Versions;
import io.heatwatch.testkit.MqttBroker;
import io.heatwatch.testkit.MqttBrokerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Simulated devices publishing through a real HiveMQ CE broker. */
@ExtendWith(MqttBrokerExtension.class)
class SimulatedFleetIT {
  @TempDir Path dir;

  @Test
  void devicesPublishReadingsStatusReceiveAlarmsAndSeqSurvivesRestart(MqttBroker broker)
      throws Exception {
    List<Reading> received = new CopyOnWriteArrayList<>();
    Map<String, DeviceStatus> status = new ConcurrentHashMap<>();
    List<DeviceStatus> births = new CopyOnWriteArrayList<>();
    MqttClient subscriber = new MqttClient(broker.uri(), "fleet-it-sub", new MemoryPersistence());
    subscriber.connect();
    subscriber.subscribe(
        new MqttSubscription[] {
          new MqttSubscription("heatwatch/v1/it/+/readings", 1),
          new MqttSubscription("heatwatch/v1/it/+/status", 1)
        },
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, message) -> received.addAll(TelemetryCodec.decodeReadings(message.getPayload())),
          (topic, message) -> {
            DeviceStatus s = TelemetryCodec.decodeStatus(message.getPayload());
            status.put(s.deviceId(), s);
            if (s.state() == DeviceStatus.DeviceState.ONLINE) {
              births.add(s);
            }
          }
        });

    FleetSpec spec = new FleetSpec("it", "dev", 2, 3, 1, SpikePlan.NONE);
    try (SimulatedFleet fleet =
        SimulatedFleet.connect(spec, MqttSettings.plain(broker.uri()), dir, Clock.systemUTC())) {
      for (int i = 0; i < 5; i++) {
        fleet.tickAll();
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> fleet.published() == 2 * 3 * 5);
      assertThat(fleet.waiting()).isZero();

      Alarm open =
          Alarm.builder()
              .v(Versions.V1)
              .alarmId("dev-01:dev-01-t1:HIGH:1")
              .version(1)
              .site("it")
              .deviceId("dev-01")
              .sensorId("dev-01-t1")
              .kind(Alarm.AlarmKind.HIGH)
              .severity(Alarm.Severity.CRITICAL)
              .state(Alarm.AlarmState.OPEN)
              .openedAt(Instant.now())
              .updatedAt(Instant.now())
              .value(48.0)
              .threshold(35.0)
              .message("spike")
              .build();
      subscriber.publish(
          MqttTopics.topic("it", "dev-01", MqttTopics.Channel.ALARMS),
          new MqttMessage(TelemetryCodec.encode(open), 1, false, null));
      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.agents().get(0).alarmActive());
      assertThat(fleet.agents().get(1).alarmActive()).as("only the alarmed device").isFalse();
    }
    try (SimulatedFleet fleet =
        SimulatedFleet.connect(spec, MqttSettings.plain(broker.uri()), dir, Clock.systemUTC())) {
      fleet.tickAll();
      await().atMost(Duration.ofSeconds(20)).until(() -> fleet.waiting() == 0);
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2 * 3 * 6);
    for (String device : List.of("dev-01", "dev-02")) {
      long first = OutboxFiles.firstSeq(dir.resolve(device).resolve("outbox.db"));
      assertThat(received.stream().filter(r -> r.deviceId().equals(device)).map(Reading::seq))
          .as("seq of %s continues across restart, no gap, no reuse", device)
          .containsExactlyElementsOf(LongStream.range(first, first + 18).boxed().toList());
      assertThat(MqttTopics.topic("it", device, MqttTopics.Channel.READINGS))
          .isEqualTo("heatwatch/v1/it/" + device + "/readings");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                status.size() == 2
                    && status.values().stream()
                        .allMatch(s -> s.state() == DeviceStatus.DeviceState.OFFLINE));
    assertThat(births)
        .as("birth messages carry the heartbeat figures")
        .isNotEmpty()
        .allSatisfy(
            b -> {
              assertThat(b.outboxDepth()).isNotNull();
              assertThat(b.dropped()).isZero();
              assertThat(b.uptimeS()).isNotNull();
              assertThat(b.agentVersion()).isNotBlank();
              assertThat(b.bootId()).isNotBlank();
            });
    subscriber.disconnect();
    subscriber.close();
  }
}
