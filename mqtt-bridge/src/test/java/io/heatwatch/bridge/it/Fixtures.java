package io.heatwatch.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Shared pieces of the bridge ITs: the infra/ config files, publishers, and delivery checks. */
public final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /**
   * A plain Mosquitto (no TLS, anonymous) that accepts 3 MB messages, where production refuses more
   * than 256 KiB: tests of what the bridge does with what a broker lets through.
   */
  public static final String PLAIN_MOSQUITTO =
      """
      listener 1883
      allow_anonymous true
      persistence false
      message_size_limit 3000000
      log_dest stdout
      log_type error
      log_type warning
      """;

  private Fixtures() {}

  /** A file under the repository's {@code infra/} (the tests run in the module folder). */
  public static Path infra(String relative) {
    return Path.of("..", "infra").resolve(relative).toAbsolutePath().normalize();
  }

  /** The {@code config} of a connector JSON file under {@code infra/connect/}, with overrides. */
  public static Map<String, String> connectorConfig(String file, Map<String, String> overrides) {
    try {
      JsonNode config = JSON.readTree(infra("connect/" + file).toFile()).path("config");
      Map<String, String> props = new LinkedHashMap<>();
      config.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
      props.putAll(overrides);
      return props;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The worker properties of {@code infra/connect/connect-distributed.properties}. */
  public static Map<String, String> workerProperties() {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(infra("connect/connect-distributed.properties"))) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new HashMap<>();
    props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
    return map;
  }

  /**
   * A distributed worker from {@code infra/connect/connect-distributed.properties}, pointed at the
   * test's Kafka, a free REST port, {@code group} and an empty plugin folder.
   */
  public static ConnectWorker distributedWorker(KafkaServer kafka, Path dir, String group) {
    Map<String, String> props = new HashMap<>(workerProperties());
    for (String local :
        List.of(
            "bootstrap.servers",
            "listeners",
            "group.id",
            "config.storage.topic",
            "offset.storage.topic",
            "status.storage.topic")) {
      props.remove(local);
    }
    try {
      props.put("plugin.path", Files.createDirectories(dir.resolve("plugins")).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    props.put("offset.flush.interval.ms", "1000");
    return ConnectWorker.startDistributed(
        dir.resolve("worker"), kafka.bootstrapServers(), 0, group, props);
  }

  /** A connected MQTT v5 client with a window of 1000 unacknowledged QoS 1 publishes. */
  public static MqttAsyncClient publisher(String uri, String clientId) throws MqttException {
    return publisher(uri, clientId, new MqttConnectionOptions());
  }

  public static MqttAsyncClient publisher(
      String uri, String clientId, MqttConnectionOptions options) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
    options.setReceiveMaximum(1000);
    client.connect(options).waitForCompletion(10_000);
    return client;
  }

  /** One ~120-byte reading of {@code device} with sequence number {@code seq}. */
  public static byte[] reading(String site, String device, long seq) {
    return TelemetryCodec.encode(
        Reading.ok(site, device, device + "-t1", seq, T0.plusMillis(seq), 20.0 + (seq % 10)));
  }

  /**
   * An OPEN HIGH alarm of sensor {@code {device}-t1} at site {@code lab}, opened at {@code at}
   * (which its alarmId carries, so alarms at different times differ).
   */
  public static Alarm highAlarm(String device, Instant at) {
    return Alarm.builder()
        .v(1)
        .alarmId(device + ":" + device + "-t1:HIGH:" + at.toEpochMilli())
        .version(1)
        .site("lab")
        .deviceId(device)
        .sensorId(device + "-t1")
        .kind(Alarm.AlarmKind.HIGH)
        .severity(Alarm.Severity.WARNING)
        .state(Alarm.AlarmState.OPEN)
        .openedAt(at)
        .updatedAt(at)
        .value(9.25)
        .threshold(8.0)
        .message("above 8.0 °C")
        .build();
  }

  /**
   * Publishes readings {@code fromSeq..toSeq} for each device, interleaved, QoS 1, and waits for
   * the last PUBACK.
   */
  public static void publishReadings(
      MqttAsyncClient client, String site, int devices, int fromSeq, int toSeq)
      throws MqttException {
    IMqttToken last = null;
    for (int i = fromSeq; i <= toSeq; i++) {
      for (int d = 1; d <= devices; d++) {
        String device = "dev-" + d;
        last =
            publish(
                client,
                MqttTopics.topic(site, device, Channel.READINGS),
                new MqttMessage(reading(site, device, i), 1, false, null));
      }
    }
    if (last != null) {
      last.waitForCompletion(60_000);
    }
  }

  /** Publishes, waiting while Paho's in-flight window (or its message id space) is full. */
  public static IMqttToken publish(MqttAsyncClient client, String topic, MqttMessage message)
      throws MqttException {
    for (int attempt = 0; ; attempt++) {
      try {
        return client.publish(topic, message);
      } catch (MqttException e) {
        boolean windowFull =
            e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT
                || e.getReasonCode() == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE;
        if (!windowFull || attempt > 100_000) {
          throw e;
        }
        LockSupport.parkNanos(200_000);
      }
    }
  }

  /**
   * Asserts every reading 1..perDevice of every device is present, keyed by device, and that the
   * first copies arrive in per-device order; returns how many duplicates there were.
   */
  public static int assertCompleteInOrder(
      List<ConsumerRecord<byte[], byte[]>> records, int devices, int perDevice) {
    Map<String, Long> next = new HashMap<>();
    Map<String, java.util.BitSet> seen = new HashMap<>();
    int duplicates = 0;
    for (var record : records) {
      Reading reading = TelemetryCodec.decodeReading(record.value());
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(reading.deviceId());
      java.util.BitSet bits = seen.computeIfAbsent(reading.deviceId(), k -> new java.util.BitSet());
      if (bits.get((int) reading.seq())) {
        duplicates++;
        continue;
      }
      bits.set((int) reading.seq());
      long expected = next.getOrDefault(reading.deviceId(), 1L);
      assertThat(reading.seq())
          .as("first copy of %s in per-device order", reading.deviceId())
          .isEqualTo(expected);
      next.put(reading.deviceId(), expected + 1);
    }
    assertThat(seen).hasSize(devices);
    seen.forEach(
        (device, bits) ->
            assertThat(bits.cardinality()).as("readings of %s", device).isEqualTo(perDevice));
    return duplicates;
  }

  /** A header's value as text, or null. */
  public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
