package io.heatwatch.watchdog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.bridge.MqttSourceConnector;
import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Pipeline.Stage;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ConnectExtension;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MqttBroker;
import io.heatwatch.testkit.MqttBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The watchdog against real servers: HiveMQ, Kafka, a Connect worker running the MQTT source
 * connector, Elasticsearch and a Flink MiniCluster (a job named heatwatch; the canary's indexing is
 * stood in for by {@link CanaryRelay}). Stall bound shortened to 6 s.
 */
@ExtendWith({
  MqttBrokerExtension.class,
  KafkaExtension.class,
  ConnectExtension.class,
  ElasticsearchExtension.class,
  FlinkExtension.class
})
class WatchdogIT {
  private static final String CONNECTOR = "watchdog-it-source";
  static final Duration WITHIN = Duration.ofSeconds(40);

  @Test
  void namesTheStalledStageRaisesAndClearsPipelineStalledAndSurvivesARestart(
      MqttBroker mqtt,
      KafkaServer kafka,
      ConnectWorker connect,
      ElasticsearchServer es,
      FlinkCluster flink)
      throws Exception {
    kafka.createTopics(
        3,
        KafkaTopics.READINGS,
        KafkaTopics.ALARMS,
        KafkaTopics.NOTIFICATIONS,
        KafkaTopics.ALARM_COMMANDS);
    ElasticsearchHttp http = new ElasticsearchHttp(es.httpUrl());
    http.put(
        "/_index_template/heatwatch-alarms",
        Files.readString(Path.of("../infra/elasticsearch/index-templates/heatwatch-alarms.json")));
    connect.putConnector(CONNECTOR, bridge(mqtt.uri()));
    connect.awaitRunning(CONNECTOR, Duration.ofSeconds(60));
    JobClient job = heatwatchJob(flink);
    Map<String, Object> settings = settings(mqtt, kafka, connect, es, flink);
    ByteArrayOutputStream metrics = new ByteArrayOutputStream();

    try (CanaryRelay relay = new CanaryRelay(kafka.bootstrapServers(), es.httpUrl())) {
      Watchdog watchdog = start(settings, metrics);
      try {
        // everything flows
        await().atMost(WITHIN).until(() -> "ok".equals(watchdog.status().status()));
        JsonNode health = health(watchdog, 200);
        assertEquals(5, health.path("stages").size());
        assertEquals("broker", health.path("stages").get(0).path("stage").asText());
        assertEquals("ok", health.path("stages").get(4).path("state").asText());
        assertEquals("RUNNING", health.path("connect").path("state").asText());
        assertEquals("RUNNING", health.path("job").path("state").asText());
        assertTrue(health.path("canaryAgeS").asLong() < 6, health.toString());

        // the bridge stops: named, alarmed on both paths, 503
        connect.deleteConnector(CONNECTOR);
        await().atMost(WITHIN).until(() -> watchdog.status().stalled().isPresent());
        assertEquals(Optional.of(Stage.BRIDGE), watchdog.status().stalled());
        health = health(watchdog, 503);
        assertEquals("stalled", health.path("status").asText());
        assertEquals("bridge", health.path("stalled").asText());
        Alarm opened = awaitAlarmInKafka(kafka, "bridge", AlarmState.OPEN);
        assertEquals(AlarmKind.PIPELINE_STALLED, opened.kind());
        assertEquals(Pipeline.DEVICE_ID, opened.deviceId());
        JsonNode doc = awaitAlarmDoc(http, opened.alarmId(), "OPEN");
        assertEquals("bridge", doc.path("sensorId").asText());

        // an operator takes it (the console's Acknowledge, or "I'm on it" in a message): the
        // watchdog, which owns the alarm, acknowledges it on both paths
        sendCommand(
            kafka,
            AlarmCommand.of(
                opened.alarmId(),
                AlarmCommand.Action.ACKNOWLEDGE,
                "olga",
                "restarting the connector",
                Instant.now()));
        Alarm acked = awaitAlarmInKafka(kafka, "bridge", AlarmState.ACKNOWLEDGED);
        assertEquals(opened.alarmId(), acked.alarmId());
        assertEquals(2, acked.version());
        assertEquals("olga", acked.ackedBy());
        awaitAlarmDoc(http, opened.alarmId(), "ACKNOWLEDGED");

        // it comes back: the same alarm cleared, version 3, on both paths
        connect.putConnector(CONNECTOR, bridge(mqtt.uri()));
        await().atMost(WITHIN).until(() -> "ok".equals(watchdog.status().status()));
        Alarm cleared = awaitAlarmInKafka(kafka, "bridge", AlarmState.CLEARED);
        assertEquals(opened.alarmId(), cleared.alarmId());
        assertEquals(3, cleared.version());
        assertEquals("olga", cleared.ackedBy());
        awaitAlarmDoc(http, opened.alarmId(), "CLEARED");
        // people hear of it from the watchdog itself, not through the job that may be the stage
        // that stopped
        await()
            .atMost(WITHIN)
            .until(
                () ->
                    records(kafka, KafkaTopics.NOTIFICATIONS, TelemetryCodec::decodeNotification)
                        .stream()
                        .filter(n -> n.alarmId().equals(opened.alarmId()))
                        .map(Notification::reason)
                        .toList()
                        .equals(
                            List.of(
                                Notification.Reason.OPENED,
                                Notification.Reason.ACKNOWLEDGED,
                                Notification.Reason.CLEARED)));

        // the job stops indexing the canary: the job is named
        relay.relaying = false;
        await().atMost(WITHIN).until(() -> watchdog.status().stalled().isPresent());
        assertEquals(Optional.of(Stage.JOB), watchdog.status().stalled());
      } finally {
        watchdog.close();
      }

      // a restarted watchdog continues the open alarm instead of opening a second
      Alarm jobAlarm = awaitAlarmInKafka(kafka, "job", AlarmState.OPEN);
      awaitAlarmDoc(http, jobAlarm.alarmId(), "OPEN");
      Watchdog again = start(settings, metrics);
      try {
        await().atMost(WITHIN).until(() -> again.status().stalled().isPresent());
        relay.relaying = true;
        await().atMost(WITHIN).until(() -> "ok".equals(again.status().status()));
        JsonNode clearedDoc = awaitAlarmDoc(http, jobAlarm.alarmId(), "CLEARED");
        assertEquals(2, clearedDoc.path("version").asLong());
        http.refresh(ElasticsearchWatch.ALARMS_INDEX);
        assertEquals(
            2,
            http.search(
                    ElasticsearchWatch.ALARMS_INDEX,
                    "{\"query\":{\"terms\":{\"sensorId\":[\"bridge\",\"job\"]}}}")
                .path("hits")
                .path("total")
                .path("value")
                .asLong(),
            "one alarm for the bridge episode, one for the job episode");
      } finally {
        again.close();
      }
    } finally {
      job.cancel().get();
    }
    String emf = metrics.toString(StandardCharsets.UTF_8);
    assertTrue(emf.contains("\"Namespace\":\"heatwatch\""), emf);
    assertTrue(emf.contains("\"" + MetricNames.CANARY_AGE_SECONDS + "\":"), emf);
  }

  static void sendCommand(KafkaServer kafka, AlarmCommand command) {
    Map<String, Object> p =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(
              KafkaTopics.ALARM_COMMANDS,
              command.alarmId().getBytes(StandardCharsets.UTF_8),
              TelemetryCodec.encode(command)));
    }
  }

  static Watchdog start(Map<String, Object> settings, ByteArrayOutputStream metrics)
      throws Exception {
    return Watchdog.start(
        new WatchdogConfig(settings),
        Clock.systemUTC(),
        new PrintStream(metrics, true, StandardCharsets.UTF_8));
  }

  static Map<String, Object> settings(
      MqttBroker mqtt,
      KafkaServer kafka,
      ConnectWorker connect,
      ElasticsearchServer es,
      FlinkCluster flink) {
    Map<String, Object> s = new HashMap<>();
    s.put(WatchdogConfig.MQTT_SERVER_URI, mqtt.uri());
    s.put(WatchdogConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    s.put(WatchdogConfig.CONNECT_URL, connect.restUrl());
    s.put(WatchdogConfig.CONNECT_CONNECTOR, CONNECTOR);
    s.put(WatchdogConfig.FLINK_URL, flink.webUrl());
    s.put(WatchdogConfig.ELASTICSEARCH_URL, es.httpUrl());
    s.put(WatchdogConfig.CANARY_INTERVAL, "PT0.5S");
    s.put(WatchdogConfig.STALL_AFTER, "PT6S");
    s.put(WatchdogConfig.METRICS_INTERVAL, "PT1S");
    s.put(WatchdogConfig.HEALTH_PORT, 0);
    return s;
  }

  static Map<String, String> bridge(String mqttUri) {
    return bridge(mqttUri, "watchdog-it-bridge");
  }

  static Map<String, String> bridge(String mqttUri, String clientId) {
    return Map.of(
        "connector.class",
        MqttSourceConnector.class.getName(),
        "tasks.max",
        "1",
        MqttSourceConnectorConfig.SERVER_URIS_CONFIG,
        mqttUri,
        MqttSourceConnectorConfig.CLIENT_ID_CONFIG,
        "watchdog-it-bridge",
        MqttSourceConnectorConfig.SHARED_GROUP_CONFIG,
        "");
  }

  /** A job named like heatwatch's, running until cancelled. */
  static JobClient heatwatchJob(FlinkCluster flink) throws Exception {
    StreamExecutionEnvironment env = flink.environment(1);
    env.fromSequence(0, Long.MAX_VALUE)
        .filter(
            n -> {
              Thread.sleep(100);
              return false;
            })
        .sinkTo(new DiscardingSink<>());
    return env.executeAsync("heatwatch (watchdog test)");
  }

  static JsonNode health(Watchdog watchdog, int status) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(watchdog.healthUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), r.body());
    return Rest.JSON.readTree(r.body());
  }

  static Alarm awaitAlarmInKafka(KafkaServer kafka, String stage, AlarmState state) {
    List<Alarm> found = new ArrayList<>();
    await()
        .atMost(WITHIN)
        .until(
            () -> {
              found.clear();
              found.addAll(alarms(kafka));
              return found.stream().anyMatch(a -> stage.equals(a.sensorId()) && a.state() == state);
            });
    return found.stream()
        .filter(a -> stage.equals(a.sensorId()) && a.state() == state)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private static List<Alarm> alarms(KafkaServer kafka) {
    return records(kafka, KafkaTopics.ALARMS, TelemetryCodec::decodeAlarm);
  }

  private static <T> List<T> records(
      KafkaServer kafka, String topic, java.util.function.Function<byte[], T> decode) {
    List<T> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> tps =
          c.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          T record = decode.apply(r.value());
          String alarmId =
              record instanceof Alarm a ? a.alarmId() : ((Notification) record).alarmId();
          assertEquals(alarmId, new String(r.key(), StandardCharsets.UTF_8), "key = alarmId");
          out.add(record);
        }
      }
    }
    return out;
  }

  static JsonNode awaitAlarmDoc(ElasticsearchHttp http, String alarmId, String state) {
    JsonNode[] doc = new JsonNode[1];
    await()
        .atMost(WITHIN)
        .until(
            () -> {
              JsonNode got = http.get(ElasticsearchWatch.ALARMS_INDEX, alarmId);
              doc[0] = got == null ? null : got.path("_source");
              return doc[0] != null && state.equals(doc[0].path("state").asText());
            });
    return doc[0];
  }
}
