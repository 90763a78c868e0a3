package io.heatwatch.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.bridge.it.Fixtures;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.FaultProxy;
import io.heatwatch.testkit.ManualClock;
import io.heatwatch.testkit.MosquittoBroker;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the source task acknowledges to the broker and how much it holds, on Debian's Mosquitto,
 * outside a worker.
 */
class SourceTaskAcksIT {
  private static final String SITE = "acks";

  /**
   * With {@code errors.tolerance=all} Connect calls {@code commitRecord(record, null)} for a record
   * it failed to send. Acknowledging it would lose the reading; the broker must redeliver it, and
   * the redelivered copy goes to the dead-letter topic so that it cannot fail again and again.
   */
  @Test
  void aRecordKafkaDidNotStoreIsRedeliveredAndThenDeadLettered(@TempDir Path dir) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir, Fixtures.PLAIN_MOSQUITTO)) {
      MqttSourceTask task = new MqttSourceTask();
      task.start(
          Map.of(
              "mqtt.server.uris",
              broker.uri(),
              "mqtt.client.id",
              "it-acks",
              "mqtt.shared.group",
              "",
              "mqtt.topics",
              "heatwatch/v1/" + SITE + "/+/readings"));
      try {
        MqttAsyncClient device = Fixtures.publisher(broker.uri(), "pi-acks");
        String topic = MqttTopics.topic(SITE, "pi-acks", Channel.READINGS);
        byte[] first = Fixtures.reading(SITE, "pi-acks", 1);
        device.publish(topic, new MqttMessage(first, 1, false, null)).waitForCompletion(10_000);

        SourceRecord notStored = pollOne(task);
        assertThat(notStored.topic()).isEqualTo(KafkaTopics.READINGS);
        task.commitRecord(notStored, null);

        SourceRecord again = pollOne(task);
        assertThat(again.topic()).isEqualTo(KafkaTopics.READINGS_DLQ);
        assertThat((byte[]) again.value()).isEqualTo(first);
        Header reason = again.headers().lastWithName("heatwatch.dlq.reason");
        assertThat(String.valueOf(reason.value())).contains("Kafka did not store");
        task.commitRecord(again, stored(again));

        byte[] second = Fixtures.reading(SITE, "pi-acks", 2);
        device.publish(topic, new MqttMessage(second, 1, false, null)).waitForCompletion(10_000);
        SourceRecord next = pollOne(task);
        assertThat(next.topic()).isEqualTo(KafkaTopics.READINGS);
        assertThat((byte[]) next.value()).isEqualTo(second);
        device.disconnect().waitForCompletion(5_000);
        device.close();
      } finally {
        task.stop();
      }
    }
  }

  /** The receive time in each record's header is the task's clock's, so a test can fix it. */
  @Test
  void theReceiveTimeIsTheTasksClocks(@TempDir Path dir) throws Exception {
    Instant received = Instant.parse("2031-01-01T00:00:00Z");
    try (MosquittoBroker broker = MosquittoBroker.start(dir, Fixtures.PLAIN_MOSQUITTO)) {
      MqttSourceTask task = new MqttSourceTask(new ManualClock(received));
      task.start(
          Map.of(
              "mqtt.server.uris",
              broker.uri(),
              "mqtt.client.id",
              "it-clock",
              "mqtt.shared.group",
              "",
              "mqtt.topics",
              "heatwatch/v1/" + SITE + "/+/readings"));
      try {
        MqttAsyncClient device = Fixtures.publisher(broker.uri(), "pi-clock");
        String topic = MqttTopics.topic(SITE, "pi-clock", Channel.READINGS);
        device
            .publish(topic, new MqttMessage(Fixtures.reading(SITE, "pi-clock", 1), 1, false, null))
            .waitForCompletion(10_000);
        SourceRecord record = pollOne(task);
        Header at = record.headers().lastWithName("heatwatch.received.at");
        assertThat(String.valueOf(at.value())).isEqualTo(received.toString());
        task.commitRecord(record, stored(record));
        device.disconnect().waitForCompletion(5_000);
        device.close();
      } finally {
        task.stop();
      }
    }
  }

  /**
   * The broker may send no more unacknowledged messages than the task's queue holds (MQTT v5
   * receive maximum), so Paho's receive thread never waits for Kafka; after a lost connection the
   * dead connection's queued messages are dropped, because the broker redelivers them. Before, the
   * redelivered copies found the queue full of the dead connection's and blocked the receive
   * thread.
   */
  @Test
  void theTaskHoldsNoMoreThanItsQueueAndAReconnectPurgesTheDeadConnectionsMessages(
      @TempDir Path dir) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir, Fixtures.PLAIN_MOSQUITTO);
        FaultProxy network = FaultProxy.start("127.0.0.1", broker.port(), 8)) {
      MqttSourceTask task = new MqttSourceTask();
      task.start(
          Map.of(
              "mqtt.server.uris", network.uri(),
              "mqtt.client.id", "it-flow",
              "mqtt.shared.group", "",
              "mqtt.topics", "heatwatch/v1/" + SITE + "/+/readings",
              "queue.capacity", "5"));
      try {
        MqttAsyncClient device = Fixtures.publisher(broker.uri(), "pi-flow");
        Fixtures.publishReadings(device, SITE, 1, 1, 20);
        await().atMost(Duration.ofSeconds(15)).until(() -> counter("Received") == 5);
        await()
            .during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(3))
            .until(() -> counter("Received") == 5);

        network.cut();
        network.heal();
        // The broker redelivers the 5 unacknowledged messages on the new connection.
        await().atMost(Duration.ofSeconds(30)).until(() -> counter("Received") == 10);

        Map<Long, Integer> copies = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (copies.size() < 20 && System.nanoTime() < deadline) {
          List<SourceRecord> polled = task.poll();
          for (SourceRecord record : polled == null ? List.<SourceRecord>of() : polled) {
            copies.merge(
                TelemetryCodec.decodeReading((byte[]) record.value()).seq(), 1, Integer::sum);
            task.commitRecord(record, stored(record));
          }
        }
        assertThat(copies).hasSize(20);
        assertThat(copies.values()).as("copies of each reading").containsOnly(1);
        device.disconnect().waitForCompletion(5_000);
        device.close();
      } finally {
        task.stop();
      }
    }
  }

  private static long counter(String attribute) throws Exception {
    return ((Number)
            ManagementFactory.getPlatformMBeanServer()
                .getAttribute(SourceTaskMetrics.objectName("it-flow", "0"), attribute))
        .longValue();
  }

  static RecordMetadata stored(SourceRecord record) {
    return new RecordMetadata(new TopicPartition(record.topic(), 0), 0, 0, 0, 0, 0);
  }

  /** Polls until exactly one record came, within 15 s. */
  static SourceRecord pollOne(MqttSourceTask task) throws InterruptedException {
    List<SourceRecord> records = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (records.isEmpty() && System.nanoTime() < deadline) {
      List<SourceRecord> polled = task.poll();
      if (polled != null) {
        records.addAll(polled);
      }
    }
    assertThat(records).hasSize(1);
    return records.get(0);
  }
}
