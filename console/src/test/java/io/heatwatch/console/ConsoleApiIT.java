package io.heatwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.ApiClient.Answer;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.SensorRef;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Thresholds;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's API against the real job, Kafka and Elasticsearch. */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class, FlinkExtension.class})
class ConsoleApiIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private final String device = "cit-" + UUID.randomUUID().toString().substring(0, 8);
  private final String sensor = device + "-t1";
  // Whole minutes in the past, so the 1-minute windows of these readings close at once.
  private final Instant t0 =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
  private ConsoleStack stack;
  private ApiClient operator;
  private long seq;

  @BeforeEach
  void start(KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink)
      throws Exception {
    stack = ConsoleStack.get(kafka, elasticsearch, flink);
    operator = stack.login(ConsoleStack.OPERATOR);
  }

  private Reading reading(long seconds, double tempC) {
    return Reading.ok("home", device, sensor, ++seq, t0.plusSeconds(seconds), tempC);
  }

  @Test
  void seriesIsRawForAnHourAndMetricsForTwoDaysWithTheSensorsThresholds() {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      readings.add(reading(i * 10L, 20.0 + i * 0.1));
    }
    readings.add(reading(130, 21.0)); // closes the first minutes' windows
    stack.send(readings.toArray(Reading[]::new));
    String path = "/api/sensors/" + device + "/" + sensor + "/series";

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              Answer raw =
                  operator.get(
                      path + "?from=" + t0.minusSeconds(60) + "&to=" + t0.plusSeconds(600));
              assertThat(raw.status()).isEqualTo(200);
              assertThat(raw.body().path("resolution").asText()).isEqualTo("raw");
              assertThat(raw.body().at("/points/t")).hasSize(13);
              assertThat(raw.body().at("/points/v/0").asDouble()).isEqualTo(20.0);
            });
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              Answer longRange =
                  operator.get(
                      path
                          + "?from="
                          + t0.minus(2, ChronoUnit.DAYS)
                          + "&to="
                          + t0.plusSeconds(600));
              assertThat(longRange.status()).isEqualTo(200);
              assertThat(longRange.body().path("resolution").asText()).isEqualTo("2m");
              assertThat(longRange.body().at("/points/t").size()).isGreaterThanOrEqualTo(1);
              assertThat(longRange.body().at("/thresholds/highC").asDouble()).isEqualTo(35.0);
            });
    // The overview serves the live view, which polls Elasticsearch once a second: it may be a poll
    // behind the series query above.
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(operator.get("/api/sensors").body().path("sensors"))
                    .anySatisfy(
                        s -> {
                          assertThat(s.path("sensorId").asText()).isEqualTo(sensor);
                          assertThat(s.path("tempC").asDouble()).isEqualTo(21.0);
                        }));
  }

  @Test
  void ackSendsACommandTheJobAppliesAndIsAudited() {
    stack.send(reading(0, 20.0), reading(10, 40.0));
    JsonNode alarm = awaitAlarm("HIGH", "OPEN");
    String id = alarm.path("alarmId").asText();
    String ackPath = "/api/alarms/" + ApiClient.encode(id) + "/ack";

    Answer ack = operator.post(ackPath, Map.of("comment", "door was open, closed it"));

    assertThat(ack.status()).isEqualTo(202);
    assertThat(ack.body().path("by").asText()).isEqualTo(ConsoleStack.OPERATOR);
    JsonNode acked = awaitAlarm("HIGH", "ACKNOWLEDGED");
    assertThat(acked.path("ackedBy").asText()).isEqualTo(ConsoleStack.OPERATOR);
    assertThat(acked.path("ackComment").asText()).isEqualTo("door was open, closed it");
    JsonNode audit = awaitAudit(id);
    assertThat(audit.path("user").asText()).isEqualTo(ConsoleStack.OPERATOR);
    assertThat(audit.path("action").asText()).isEqualTo("alarm.acknowledge");
    assertThat(audit.path("before").asText()).contains("\"state\":\"OPEN\"");
    assertThat(audit.path("after").asText()).contains("ACKNOWLEDGE").contains("door was open");
    assertThat(operator.post(ackPath, Map.of()).status()).isEqualTo(409);

    stack.send(reading(20, 20.0));
    awaitAlarm("HIGH", "CLEARED");
    Answer cleared = operator.post(ackPath, Map.of());
    assertThat(cleared.status()).isEqualTo(409);
    assertThat(cleared.body().path("message").asText()).contains("already cleared");
    Answer unknown = operator.post("/api/alarms/no-such-alarm/ack", Map.of());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("field").asText()).isEqualTo("alarmId");
  }

  @Test
  void aThresholdChangeLandsOnTheConfigTopicAndTheJobOpensAnAlarmAtIt() {
    stack.send(reading(0, 20.0));
    await()
        .atMost(DEADLINE)
        .until(() -> stack.console.live().latest().containsKey(new SensorRef(device, sensor)));

    Answer put =
        operator.put(
            "/api/sensors/" + device + "/" + sensor + "/config",
            Map.of("name", "freezer door", "highC", 25.0, "lowC", 5.0, "spikeZ", 6.0));

    assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
    SensorConfig onTopic = awaitConfigRecord();
    assertThat(onTopic.highC()).isEqualTo(25.0);
    assertThat(onTopic.spikeZ()).isEqualTo(6.0);
    assertThat(onTopic.updatedBy()).isEqualTo(ConsoleStack.OPERATOR);
    assertThat(onTopic.deviceId()).isEqualTo(device);
    // 28 °C is below the job's default 35 °C: only the new threshold opens an alarm
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              stack.send(reading(seq * 10, 28.0));
              assertThat(alarms("HIGH", "OPEN"))
                  .anySatisfy(a -> assertThat(a.path("threshold").asDouble()).isEqualTo(25.0));
            });
    JsonNode audit = awaitAudit(device + "/" + sensor);
    assertThat(audit.path("action").asText()).isEqualTo("sensor.config");
    assertThat(audit.path("before").isNull()).isTrue();
    assertThat(audit.path("after").asText()).contains("\"highC\":25.0");
    Answer series = operator.get("/api/sensors/" + device + "/" + sensor + "/series");
    assertThat(series.body().at("/thresholds/highC").asDouble()).isEqualTo(25.0);
    assertThat(series.body().at("/config/name").asText()).isEqualTo("freezer door");
  }

  @Test
  void twoDevicesWithTheSameSensorNameKeepSeparateValuesAndThresholds() {
    String other = "cit-" + UUID.randomUUID().toString().substring(0, 8);
    stack.send(
        Reading.ok("home", device, "probe", ++seq, t0, 20.0),
        Reading.ok("home", other, "probe", 1, t0, 30.0));
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              JsonNode rows = operator.get("/api/sensors").body().path("sensors");
              assertThat(probeOf(rows, device)).isNotNull();
              assertThat(probeOf(rows, device).path("tempC").asDouble()).isEqualTo(20.0);
              assertThat(probeOf(rows, other)).isNotNull();
              assertThat(probeOf(rows, other).path("tempC").asDouble()).isEqualTo(30.0);
            });

    Answer mine = operator.put("/api/sensors/" + device + "/probe/config", Map.of("highC", 25.0));
    Answer theirs = operator.put("/api/sensors/" + other + "/probe/config", Map.of("highC", 40.0));

    assertThat(mine.status()).as(mine.body().toString()).isEqualTo(200);
    assertThat(theirs.status()).as(theirs.body().toString()).isEqualTo(200);
    assertThat(awaitConfigRecord(device + "/probe").highC()).isEqualTo(25.0);
    assertThat(awaitConfigRecord(other + "/probe").highC()).isEqualTo(40.0);
    Answer mySeries = operator.get("/api/sensors/" + device + "/probe/series");
    Answer theirSeries = operator.get("/api/sensors/" + other + "/probe/series");
    assertThat(mySeries.body().at("/thresholds/highC").asDouble()).isEqualTo(25.0);
    assertThat(mySeries.body().at("/latest/tempC").asDouble()).isEqualTo(20.0);
    assertThat(theirSeries.body().at("/thresholds/highC").asDouble()).isEqualTo(40.0);
    assertThat(theirSeries.body().at("/latest/tempC").asDouble()).isEqualTo(30.0);
    assertThat(theirSeries.body().at("/points/v")).hasSize(1);
  }

  private static JsonNode probeOf(JsonNode rows, String deviceId) {
    for (JsonNode row : rows) {
      if (deviceId.equals(row.path("deviceId").asText())
          && "probe".equals(row.path("sensorId").asText())) {
        return row;
      }
    }
    return null;
  }

  @Test
  void aViewerSeesButCannotActAndWritesNeedTheCsrfToken() {
    stack.send(reading(0, 20.0));
    await()
        .atMost(DEADLINE)
        .until(() -> stack.console.live().latest().containsKey(new SensorRef(device, sensor)));
    ApiClient viewer = stack.login(ConsoleStack.VIEWER);
    String configPath = "/api/sensors/" + device + "/" + sensor + "/config";

    assertThat(viewer.get("/api/sensors").status()).isEqualTo(200);
    assertThat(viewer.get("/api/session").body().path("role").asText()).isEqualTo("viewer");
    Answer viewerAck = viewer.post("/api/alarms/any/ack", Map.of());
    assertThat(viewerAck.status()).isEqualTo(403);
    assertThat(viewerAck.body().path("field").asText()).isEqualTo("role");
    assertThat(viewer.put(configPath, Map.of("highC", 30.0)).status()).isEqualTo(403);

    Answer noToken = operator.send("PUT", configPath, Map.of("highC", 30.0), null);
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(noToken.body().path("field").asText()).isEqualTo("X-CSRF-Token");
    assertThat(operator.send("PUT", configPath, Map.of("highC", 30.0), "forged").status())
        .isEqualTo(403);
    assertThat(operator.send("PUT", configPath, Map.of("highC", 30.0), viewer.csrf()).status())
        .isEqualTo(403);
    assertThat(new ApiClient(stack.console.url()).get("/api/sensors").status()).isEqualTo(401);
    assertThat(new ApiClient(stack.console.url()).login(ConsoleStack.OPERATOR, "wrong").status())
        .isEqualTo(401);
  }

  @Test
  void aProfileIsWrittenToTheTopicAndItsDefaultsServedWhereTheConfigIsEmpty() {
    stack.send(reading(0, 5.0));
    await()
        .atMost(DEADLINE)
        .until(() -> stack.console.live().latest().containsKey(new SensorRef(device, sensor)));
    String path = "/api/sensors/" + device + "/" + sensor;

    Answer put = operator.put(path + "/config", Map.of("profile", "fridge", "lowC", 3.0));

    assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
    assertThat(put.body().path("profile").asText()).isEqualTo("FRIDGE");
    assertThat(awaitConfigRecord().profile()).isEqualTo(SensorProfile.FRIDGE);
    Thresholds fridge = SensorProfile.FRIDGE.thresholds(Thresholds.DEFAULTS);
    JsonNode series = operator.get(path + "/series").body();
    assertThat(series.at("/config/profile").asText()).isEqualTo("FRIDGE");
    assertThat(series.at("/thresholds/profile").asText()).isEqualTo("FRIDGE");
    assertThat(series.at("/thresholds/highC").asDouble()).isEqualTo(fridge.highC());
    assertThat(series.at("/thresholds/lowC").asDouble()).isEqualTo(3.0);
    assertThat(series.at("/profiles/FRIDGE/highC").asDouble()).isEqualTo(fridge.highC());
    assertThat(series.at("/profiles/FRIDGE/minDurationS").asLong())
        .isEqualTo(fridge.minDurationMs() / 1000);
    assertThat(series.at("/profiles/FRIDGE/detectors").toString()).contains("TREND", "EXPOSURE");
    assertThat(series.at("/profiles/CUSTOM/highC").asDouble()).isEqualTo(35.0);
    assertThat(series.path("profiles")).hasSize(SensorProfile.values().length);
    // retiring keeps the rest of the config, its profile too
    Answer retired = operator.post(path + "/retire", Map.of());
    assertThat(retired.status()).as(retired.body().toString()).isEqualTo(200);
    assertThat(retired.body().path("profile").asText()).isEqualTo("FRIDGE");
  }

  @Test
  void badInputIsRefusedWithTheFieldNamed() {
    stack.send(reading(0, 20.0));
    await()
        .atMost(DEADLINE)
        .until(() -> stack.console.live().latest().containsKey(new SensorRef(device, sensor)));
    String configPath = "/api/sensors/" + device + "/" + sensor + "/config";

    assertBad(operator.put(configPath, Map.of("highC", "hot")), "highC");
    assertBad(operator.put(configPath, Map.of("highC", 500)), "highC");
    assertBad(operator.put(configPath, Map.of("highC", 5.0, "lowC", 8.0)), "lowC");
    assertBad(operator.put(configPath, Map.of("spikeZ", 0.2)), "spikeZ");
    assertBad(operator.put(configPath, Map.of("minDurationS", -1)), "minDurationS");
    assertBad(operator.put(configPath, Map.of("colour", "red")), "colour");
    Answer profile = operator.put(configPath, Map.of("profile", "fridgey"));
    assertBad(profile, "profile");
    assertThat(profile.body().path("message").asText())
        .contains("fridgey", "FREEZER, FRIDGE, COLD_ROOM, ROOM, SERVER_ROOM, GREENHOUSE, CUSTOM");
    assertBad(operator.put(configPath, Map.of("profile", 3)), "profile");
    assertBad(operator.put(configPath, "{not json"), "$");
    assertBad(operator.get("/api/alarms?state=SLEEPING"), "state");
    assertBad(
        operator.get("/api/sensors/" + device + "/" + sensor + "/series?from=yesterday"), "from");
    assertThat(operator.put("/api/sensors/" + device + "/never-seen/config", Map.of()).status())
        .isEqualTo(404);
    assertBad(operator.get("/api/sensors/" + device + "/no%20spaces/series"), "sensorId");
  }

  private static void assertBad(Answer answer, String field) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
    assertThat(answer.body().path("field").asText()).isEqualTo(field);
    assertThat(answer.body().path("message").asText()).contains(field.equals("$") ? "JSON" : field);
  }

  private List<JsonNode> alarms(String kind, String state) {
    List<JsonNode> found = new ArrayList<>();
    Answer answer = operator.get("/api/alarms?state=" + state);
    assertThat(answer.status()).isEqualTo(200);
    for (JsonNode a : answer.body().path("alarms")) {
      if (sensor.equals(a.path("sensorId").asText()) && kind.equals(a.path("kind").asText())) {
        found.add(a);
      }
    }
    return found;
  }

  private JsonNode awaitAlarm(String kind, String state) {
    Map<String, JsonNode> holder = new HashMap<>();
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              List<JsonNode> found = alarms(kind, state);
              assertThat(found).hasSize(1);
              holder.put("a", found.get(0));
            });
    return holder.get("a");
  }

  private JsonNode awaitAudit(String target) {
    Map<String, JsonNode> holder = new HashMap<>();
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              stack.es.refresh("heatwatch-audit");
              JsonNode hits =
                  stack
                      .es
                      .search(
                          "heatwatch-audit",
                          "{\"query\":{\"term\":{\"target\":\"" + target + "\"}}}")
                      .at("/hits/hits");
              assertThat(hits).hasSize(1);
              holder.put("a", hits.get(0).path("_source"));
            });
    return holder.get("a");
  }

  private SensorConfig awaitConfigRecord() {
    return awaitConfigRecord(device + "/" + sensor);
  }

  private SensorConfig awaitConfigRecord(String key) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "cit-" + key.replace('/', '-'),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(KafkaTopics.SENSOR_CONFIG));
      Map<String, SensorConfig> holder = new HashMap<>();
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                  if (key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                    holder.put("c", TelemetryCodec.decodeSensorConfig(r.value()));
                  }
                }
                assertThat(holder).containsKey("c");
              });
      return holder.get("c");
    }
  }
}
