package io.heatwatch.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ConnectExtension;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MqttBroker;
import io.heatwatch.testkit.MqttBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The source connector in a real Connect worker between a real HiveMQ and a real Kafka. */
@ExtendWith({KafkaExtension.class, MqttBrokerExtension.class, ConnectExtension.class})
class MqttSourceConnectorIT {
  private static final int DEVICES = 4;
  private static final int PER_DEVICE = 500;

  @Test
  void everyMessageArrivesOnceInOrderPerDeviceAndBadOnesAreDeadLettered(
      KafkaServer kafka, MqttBroker mqtt, ConnectWorker connect) throws Exception {
    kafka.createTopics(3, KafkaTopics.READINGS, KafkaTopics.READINGS_DLQ);
    kafka.createCompactedTopic(KafkaTopics.DEVICE_STATUS, 3);
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", MqttSourceConnector.class.getName());
    config.put("tasks.max", "1");
    config.put(MqttSourceConnectorConfig.SERVER_URIS_CONFIG, mqtt.uri());
    config.put(MqttSourceConnectorConfig.CLIENT_ID_CONFIG, "bridge-it");
    config.put(MqttSourceConnectorConfig.MAX_PAYLOAD_CONFIG, "4096");
    // A plain subscription, as the local stack makes on HiveMQ: embedded HiveMQ CE has been seen to
    // deliver one message to a new shared subscription group and then nothing (README); two
    // clean-clone CI runs failed here exactly so (1 of 2,001 readings, the first). Shared groups
    // are tested on Mosquitto, the production broker (MosquittoSecurityIT).
    config.put(MqttSourceConnectorConfig.SHARED_GROUP_CONFIG, "");
    connect.putConnector("mqtt-source-it", config);
    connect.awaitRunning("mqtt-source-it", Duration.ofSeconds(60));

    MqttClient publisher = new MqttClient(mqtt.uri(), "publisher-it", new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    publisher.connect(options);
    Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
    for (int i = 1; i <= PER_DEVICE; i++) {
      for (int d = 1; d <= DEVICES; d++) {
        String device = "dev-" + d;
        Reading reading = Reading.ok("lab", device, device + "-t1", i, t0.plusSeconds(i), 20.0);
        MqttMessage message = new MqttMessage(TelemetryCodec.encode(reading), 1, false, null);
        if (i == 1) {
          MqttProperties properties = new MqttProperties();
          properties.setUserProperties(List.of(new UserProperty("fw", "1.2.3")));
          message.setProperties(properties);
        }
        publish(publisher, MqttTopics.topic("lab", device, Channel.READINGS), message);
      }
    }
    publisher.publish(
        MqttTopics.topic("lab", "dev-1", Channel.READINGS),
        new MqttMessage(
            "{\"v\":1,\"seq\":\"x\"}".getBytes(StandardCharsets.UTF_8), 1, false, null));
    publisher.publish(
        MqttTopics.topic("lab", "dev-2", Channel.READINGS),
        new MqttMessage(new byte[5000], 1, false, null));
    // The pipeline goes on after rejects.
    publisher.publish(
        MqttTopics.topic("lab", "dev-1", Channel.READINGS),
        new MqttMessage(
            TelemetryCodec.encode(Reading.ok("lab", "dev-1", "dev-1-t1", PER_DEVICE + 1, t0, 20.0)),
            1,
            false,
            null));
    publisher.disconnect();
    publisher.close();

    List<ConsumerRecord<byte[], byte[]>> readings = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> rejected = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
      consumer.subscribe(List.of(KafkaTopics.READINGS, KafkaTopics.READINGS_DLQ));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                  (record.topic().equals(KafkaTopics.READINGS) ? readings : rejected).add(record);
                }
                assertThat(readings).hasSizeGreaterThanOrEqualTo(DEVICES * PER_DEVICE + 1);
                assertThat(rejected).hasSizeGreaterThanOrEqualTo(2);
              });
    }

    assertThat(readings).hasSize(DEVICES * PER_DEVICE + 1);
    Map<String, Long> lastSeq = new HashMap<>();
    for (var record : readings) {
      Reading reading = TelemetryCodec.decodeReading(record.value());
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(reading.deviceId());
      long previous = lastSeq.getOrDefault(reading.deviceId(), 0L);
      assertThat(reading.seq()).as("per-device order").isEqualTo(previous + 1);
      lastSeq.put(reading.deviceId(), reading.seq());
    }
    var first = readings.stream().filter(r -> header(r, "mqtt.user.fw") != null).findFirst();
    assertThat(first).isPresent();
    assertThat(header(first.get(), "mqtt.topic")).startsWith("heatwatch/v1/lab/dev-");
    assertThat(header(first.get(), "mqtt.qos")).isEqualTo("1");
    assertThat(header(first.get(), "heatwatch.received.at")).isNotBlank();

    assertThat(rejected).hasSize(2);
    assertThat(new String(rejected.get(0).value(), StandardCharsets.UTF_8))
        .contains("\"seq\":\"x\"");
    assertThat(header(rejected.get(0), "heatwatch.dlq.reason")).contains("seq");
    assertThat(header(rejected.get(1), "heatwatch.dlq.reason")).contains("5000 bytes exceeds 4096");
    assertThat(rejected.get(1).value()).hasSize(5000);
    connect.deleteConnector("mqtt-source-it");
  }

  /** Paho may refuse a publish right after a PUBACK while it still counts it in flight. */
  private static void publish(MqttClient client, String topic, MqttMessage message)
      throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        client.publish(topic, message);
        return;
      } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt > 1000) {
          throw e;
        }
        LockSupport.parkNanos(1_000_000);
      }
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaServer kafka) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bridge-it");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
