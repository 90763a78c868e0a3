package io.heatwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.edge.SimulatedFleet;
import io.heatwatch.edge.SimulatedFleet.FleetSpec;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.SpikePlan;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain with real servers: simulated devices → HiveMQ → our Connect source connector →
 * Kafka → the Flink job → Elasticsearch, accounted reading by reading.
 */
class LocalStackIT {
  private static final int DEVICES = 2;
  private static final int SENSORS = 2;
  private static final int TICKS = 150;
  private static final int SPIKE_AT = 40;
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final String LEGACY =
      "{\"createTime\":\"2020-08-12 06:29:02\",\"orderId\":1597213797,\"tempAmount\":29.159}";

  @TempDir static Path dir;
  static LocalStack stack;
  static ElasticsearchHttp es;
  static DemoNotifications notifications;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.start(dir.resolve("stack"), StackPorts.ANY);
    es = new ElasticsearchHttp(stack.elasticsearch().httpUrl());
    notifications =
        DemoNotifications.start(
            stack.kafka().bootstrapServers(),
            dir.resolve("stack"),
            0,
            Duration.ofSeconds(3),
            System.out::println);
  }

  @AfterAll
  static void stopStack() {
    if (notifications != null) {
      notifications.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyReadingIndexedExactlyOnceWithMetricsAlarmAndLegacyRecord() throws Exception {
    ManualClock clock = new ManualClock(T0);
    long published;
    try (SimulatedFleet fleet =
        SimulatedFleet.connect(
            new FleetSpec("e2e", "dev", DEVICES, SENSORS, 7, new SpikePlan(SPIKE_AT, 0, 25.0)),
            MqttSettings.plain(stack.mqtt().uri()),
            dir.resolve("devices"),
            clock)) {
      for (int i = 0; i < TICKS; i++) {
        fleet.tickAll();
        clock.advance(Duration.ofSeconds(1));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> fleet.published() == (long) DEVICES * SENSORS * TICKS);
      published = fleet.published();
      assertThat(fleet.waiting()).isZero();
    }
    assertThat(published).isEqualTo((long) DEVICES * SENSORS * TICKS);
    assertThat(Files.readAllLines(dir.resolve("devices").resolve(SimulatedFleet.LABELS_FILE)))
        .as("the simulator's ground truth: one SPIKE label per injected spike")
        .hasSize(DEVICES)
        .allMatch(line -> line.contains("\"kind\":\"SPIKE\"") && line.contains("-t1\""));
    sendLegacyRecord();

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> es.count("heatwatch-readings-*") >= published + 1);
    es.refresh("heatwatch-*");
    assertThat(es.count("heatwatch-readings-*")).isEqualTo(published + 1);
    assertThat(readingIds()).hasSize((int) published).containsAll(expectedIds());
    assertThat(es.get("heatwatch-readings-2020.08.12", "legacy:1597213797")).isNotNull();

    assertSpikeAlarms();
    assertSpikeAlarmsNotified();
    assertMetricsMatchRawReadings();
  }

  /**
   * Each spike's HIGH alarm reached the demo's e-mail and webhook receivers through the job's
   * notification intents and the notifier (issue 20).
   */
  private static void assertSpikeAlarmsNotified() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (String sensor : List.of("dev-01-t1", "dev-02-t1")) {
                assertThat(notifications.mails())
                    .as("mails")
                    .anyMatch(s -> s.contains("HIGH") && s.contains(sensor));
                assertThat(notifications.webhooks())
                    .as("webhook requests")
                    .anyMatch(s -> s.contains("HIGH") && s.contains(sensor));
              }
            });
  }

  /** Every seq each device's outbox numbered: a new outbox starts above every earlier seq. */
  private static Set<String> expectedIds() throws Exception {
    Set<String> ids = new HashSet<>();
    for (int d = 1; d <= DEVICES; d++) {
      String device = String.format("dev-%02d", d);
      long first = firstSeq(dir.resolve("devices").resolve(device).resolve("outbox.db"));
      for (long seq = first; seq < first + (long) SENSORS * TICKS; seq++) {
        ids.add(device + ":" + seq);
      }
    }
    return ids;
  }

  private static long firstSeq(Path outbox) throws Exception {
    try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + outbox);
        var rows =
            db.createStatement().executeQuery("SELECT value FROM meta WHERE key = 'first_seq'")) {
      assertThat(rows.next()).as("first_seq of " + outbox).isTrue();
      return rows.getLong(1);
    }
  }

  private static Set<String> readingIds() {
    JsonNode hits =
        es.search(
                "heatwatch-readings-2026.*",
                "{\"size\":10000,\"_source\":false,\"query\":{\"match_all\":{}}}")
            .path("hits")
            .path("hits");
    Set<String> ids = new HashSet<>();
    hits.forEach(hit -> ids.add(hit.path("_id").asText()));
    return ids;
  }

  /**
   * Each injected +25 °C spike is one HIGH and one SPIKE alarm on the spiking sensor; and the
   * fleet's clean stop (retained OFFLINE status) is one DEVICE_OFFLINE alarm per device.
   */
  private static void assertSpikeAlarms() {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              es.refresh("heatwatch-alarms");
              JsonNode hits =
                  es.search("heatwatch-alarms", "{\"size\":100,\"query\":{\"match_all\":{}}}")
                      .path("hits")
                      .path("hits");
              List<String> alarms = new ArrayList<>();
              for (JsonNode hit : hits) {
                JsonNode alarm = hit.path("_source");
                alarms.add(
                    alarm.path("kind").asText()
                        + " "
                        + alarm.path("deviceId").asText()
                        + " "
                        + alarm.path("sensorId").asText("-"));
              }
              assertThat(alarms)
                  .as(
                      "one HIGH and one SPIKE alarm per spike, one DEVICE_OFFLINE per stopped device")
                  .containsExactlyInAnyOrder(
                      "HIGH dev-01 dev-01-t1",
                      "HIGH dev-02 dev-02-t1",
                      "SPIKE dev-01 dev-01-t1",
                      "SPIKE dev-02 dev-02-t1",
                      "DEVICE_OFFLINE dev-01 -",
                      "DEVICE_OFFLINE dev-02 -");
            });
  }

  /** Each closed 1-minute window's average equals the average of the indexed raw readings. */
  private static void assertMetricsMatchRawReadings() {
    String sensor = "dev-01-t2";
    Instant windowStart = T0; // 10:00:00–10:01:00 is closed: readings run to 10:02:29
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> es.count("heatwatch-metrics-*") >= (long) DEVICES * SENSORS * 2);
    es.refresh("heatwatch-metrics-*");
    JsonNode metric =
        es.search(
                "heatwatch-metrics-*",
                "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"sensorId\":\""
                    + sensor
                    + "\"}},{\"term\":{\"windowStart\":\""
                    + windowStart
                    + "\"}}]}}}")
            .path("hits")
            .path("hits")
            .path(0)
            .path("_source");
    JsonNode raw =
        es.search(
            "heatwatch-readings-*",
            "{\"size\":0,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"sensorId\":\""
                + sensor
                + "\"}},{\"range\":{\"ts\":{\"gte\":\""
                + windowStart
                + "\",\"lt\":\""
                + windowStart.plusSeconds(60)
                + "\"}}}]}},\"aggs\":{\"avg\":{\"avg\":{\"field\":\"tempC\"}},"
                + "\"n\":{\"value_count\":{\"field\":\"tempC\"}}}}");
    assertThat(metric.path("count").asLong()).isEqualTo(60);
    assertThat(raw.path("aggregations").path("n").path("value").asLong()).isEqualTo(60);
    assertThat(metric.path("avg").asDouble())
        .isCloseTo(
            raw.path("aggregations").path("avg").path("value").asDouble(),
            org.assertj.core.data.Offset.offset(1e-6));
  }

  private static void sendLegacyRecord() throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  KafkaTopics.LEGACY, null, LEGACY.getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }
}
