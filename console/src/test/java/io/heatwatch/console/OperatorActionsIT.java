package io.heatwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.ApiClient.Answer;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorRef;
import io.heatwatch.model.TelemetryCodec;
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

/**
 * Issue 17's operator actions against the real job: retire a sensor, resolve a stale alarm, a
 * sensor's silence bound; and the canary kept out of every list and figure.
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class, FlinkExtension.class})
class OperatorActionsIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private final String device = "oit-" + UUID.randomUUID().toString().substring(0, 8);
  private final String sensor = device + "-t1";
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

  private String sensorPath() {
    return "/api/sensors/" + device + "/" + sensor;
  }

  @Test
  void aRetiredSensorHasItsAlarmsClearedByTheJobAndLeavesTheLiveViewUntilItReportsAgain() {
    stack.send(reading(0, 20.0), reading(10, 40.0));
    String alarmId = awaitAlarm("HIGH", "OPEN").path("alarmId").asText();
    await().atMost(DEADLINE).until(() -> row(operator) != null);

    ApiClient viewer = stack.login(ConsoleStack.VIEWER);
    assertThat(viewer.post(sensorPath() + "/retire", Map.of()).status()).isEqualTo(403);
    Answer retire = operator.post(sensorPath() + "/retire", Map.of("comment", "probe replaced"));

    assertThat(retire.status()).as(retire.body().toString()).isEqualTo(200);
    SensorConfig onTopic = awaitConfigRecord(device + "/" + sensor, c -> c.retiredAt() != null);
    assertThat(onTopic.updatedBy()).isEqualTo(ConsoleStack.OPERATOR);
    assertThat(onTopic.retiredAt()).isEqualTo(onTopic.updatedAt());
    JsonNode cleared = awaitAlarm("HIGH", "CLEARED");
    assertThat(cleared.path("alarmId").asText()).isEqualTo(alarmId);
    assertThat(cleared.path("message").asText()).contains("retired");
    JsonNode audit = awaitAudit(device + "/" + sensor, "sensor.retire");
    assertThat(audit.path("user").asText()).isEqualTo(ConsoleStack.OPERATOR);
    assertThat(audit.path("after").asText()).contains("retiredAt").contains("probe replaced");
    await().atMost(DEADLINE).until(() -> row(operator) == null);

    stack.send(reading(30, 21.5)); // reports again after its retirement: a sensor again
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              JsonNode row = row(operator);
              assertThat(row).isNotNull();
              assertThat(row.path("tempC").asDouble()).isEqualTo(21.5);
            });
  }

  @Test
  void anOperatorSendsATestThroughAChannelAndSeesItArriveInTheDeliveryLog() {
    ApiClient viewer = stack.login(ConsoleStack.VIEWER);
    // The notifier lists its channels on the settings topic; the console shows them to anyone.
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(viewer.get("/api/notifier").body().at("/catalogue/channels"))
                    .anySatisfy(
                        c -> {
                          assertThat(c.path("id").asText()).isEqualTo("ops-hook");
                          assertThat(c.path("needsRecipient").asBoolean()).isFalse();
                        }));
    assertThat(viewer.post("/api/notifier/tests", Map.of("channel", "ops-hook")).status())
        .isEqualTo(403);
    assertThat(operator.post("/api/notifier/tests", Map.of("channel", "no-such")).status())
        .isEqualTo(404);
    assertThat(operator.post("/api/notifier/tests", Map.of("channel", 7)).status()).isEqualTo(400);

    Answer sent = operator.post("/api/notifier/tests", Map.of("channel", "ops-hook"));
    assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
    String alarmId = sent.body().path("alarmId").asText();
    assertThat(alarmId).startsWith("test-");
    String path = "/api/alarms/" + ApiClient.encode(alarmId) + "/notifications";
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(viewer.get(path).body().path("deliveries"))
                    .singleElement()
                    .satisfies(
                        d -> {
                          assertThat(d.path("channel").asText()).isEqualTo("ops-hook");
                          assertThat(d.path("reason").asText()).isEqualTo("TEST");
                          assertThat(d.path("state").asText()).isEqualTo("SENT");
                          assertThat(d.path("detail").asText()).contains("HTTP 204");
                        }));
    assertThat(stack.webhooks).anyMatch(body -> body.contains(alarmId));
    // ...and the Notifications page lists it among the recent tests, for anyone
    assertThat(viewer.get("/api/notifier").body().path("recentTests"))
        .anySatisfy(
            t -> {
              assertThat(t.path("alarmId").asText()).isEqualTo(alarmId);
              assertThat(t.at("/delivery/state").asText()).isEqualTo("SENT");
            });
    JsonNode audit = awaitAudit(alarmId, "notifier.test");
    assertThat(audit.path("user").asText()).isEqualTo(ConsoleStack.OPERATOR);
    assertThat(audit.path("after").asText()).contains("ops-hook");
  }

  @Test
  void notifierSettingsAreForOperatorsAndASecretTypedInAsAValueIsNeverWritten() {
    ApiClient viewer = stack.login(ConsoleStack.VIEWER);
    assertThat(viewer.get("/api/notifier/settings").status()).isEqualTo(403);
    // The notifier reports the settings in effect: its file's sections, with secrets as references.
    JsonNode applied =
        await()
            .atMost(DEADLINE)
            .until(
                () -> operator.get("/api/notifier/settings").body().path("applied"),
                a -> a.isObject());
    assertThat(applied.path("channels").asText()).contains("ops-hook:", "secret: file:");
    long version = applied.path("version").asLong();
    Map<String, Object> edit = new java.util.HashMap<>();
    edit.put("baseVersion", version);
    edit.put(
        "channels",
        "ops-hook:\n  type: webhook\n  url: http://127.0.0.1:1/\n"
            + "  secret: whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n");
    edit.put("recipients", "");
    edit.put("policies", applied.path("policies").asText());
    assertThat(viewer.put("/api/notifier/settings", edit).status()).isEqualTo(403);

    Answer literal = operator.put("/api/notifier/settings", edit);
    assertThat(literal.status()).isEqualTo(400);
    assertThat(literal.body().path("field").asText()).isEqualTo("channels.ops-hook.secret");
    assertThat(literal.body().toString()).doesNotContain("whsec_");

    edit.put("channels", "ops-hook: [unclosed");
    assertThat(operator.put("/api/notifier/settings", edit).body().path("field").asText())
        .isEqualTo("channels");
    edit.put("channels", applied.path("channels").asText());
    edit.put("baseVersion", version + 7);
    Answer stale = operator.put("/api/notifier/settings", edit);
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body().path("message").asText()).contains("changed since you opened them");
    // Nothing refused reached the notifier.
    assertThat(operator.get("/api/notifier/settings").body().path("pending").isNull()).isTrue();

    // A secret typed in is sealed with the notifier's published key; the answer is not the secret.
    String typed = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    assertThat(viewer.post("/api/notifier/seal", Map.of("value", typed)).status()).isEqualTo(403);
    Answer sealed = operator.post("/api/notifier/seal", Map.of("value", typed));
    assertThat(sealed.status()).as(sealed.body().toString()).isEqualTo(200);
    assertThat(sealed.body().path("sealed").asText())
        .startsWith("sealed:v1:")
        .doesNotContain(typed)
        .doesNotContain("MDEyMzQ1");
    assertThat(operator.post("/api/notifier/seal", Map.of("value", "")).status()).isEqualTo(400);
  }

  @Test
  void anAlarmsNotificationsShowWhoWasToldThroughWhatAndWhetherItArrived() {
    stack.send(reading(0, 20.0), reading(10, 40.0));
    String alarmId = awaitAlarm("HIGH", "OPEN").path("alarmId").asText();
    String path = "/api/alarms/" + ApiClient.encode(alarmId) + "/notifications";
    ApiClient viewer = stack.login(ConsoleStack.VIEWER);

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              Answer a = viewer.get(path);
              assertThat(a.status()).isEqualTo(200);
              assertThat(a.body().path("following").asBoolean()).isTrue();
              assertThat(a.body().path("deliveries"))
                  .anySatisfy(
                      d -> {
                        assertThat(d.path("channel").asText()).isEqualTo("ops-hook");
                        assertThat(d.path("reason").asText()).isEqualTo("OPENED");
                        assertThat(d.path("state").asText()).isEqualTo("SENT");
                        assertThat(d.path("detail").asText()).contains("HTTP 204");
                      });
            });
    assertThat(stack.webhooks).anyMatch(body -> body.contains(alarmId));

    // A record the console cannot read is skipped; the log is still followed.
    stack.sendRaw(KafkaTopics.NOTIFICATION_LOG, "broken-" + device, "{not json");
    stack.sendRaw(KafkaTopics.NOTIFICATION_LOG, "ack:" + device, "{}");
    stack.send(reading(20, 20.0));
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(viewer.get(path).body().path("deliveries"))
                    .anySatisfy(d -> assertThat(d.path("reason").asText()).isEqualTo("CLEARED")));
    assertThat(viewer.get("/api/alarms/no-such-alarm/notifications").body().path("deliveries"))
        .isEmpty();
  }

  @Test
  void anOperatorResolvesAStaleAlarmWithARequiredComment() {
    stack.send(reading(0, 20.0), reading(10, 40.0));
    String alarmId = awaitAlarm("HIGH", "OPEN").path("alarmId").asText();
    String resolvePath = "/api/alarms/" + ApiClient.encode(alarmId) + "/resolve";

    assertThat(stack.login(ConsoleStack.VIEWER).post(resolvePath, Map.of("comment", "x")).status())
        .isEqualTo(403);
    Answer noComment = operator.post(resolvePath, Map.of());
    assertThat(noComment.status()).isEqualTo(400);
    assertThat(noComment.body().path("field").asText()).isEqualTo("comment");
    assertThat(operator.post(resolvePath, Map.of("comment", "   ")).status()).isEqualTo(400);

    Answer resolve = operator.post(resolvePath, Map.of("comment", "probe removed from freezer"));

    assertThat(resolve.status()).as(resolve.body().toString()).isEqualTo(202);
    assertThat(resolve.body().path("action").asText()).isEqualTo("RESOLVE");
    assertThat(resolve.body().path("by").asText()).isEqualTo(ConsoleStack.OPERATOR);
    JsonNode cleared = awaitAlarm("HIGH", "CLEARED");
    assertThat(cleared.path("message").asText()).contains("probe removed from freezer");
    JsonNode audit = awaitAudit(alarmId, "alarm.resolve");
    assertThat(audit.path("before").asText()).contains("\"state\":\"OPEN\"");
    assertThat(audit.path("after").asText()).contains("RESOLVE");
    Answer again = operator.post(resolvePath, Map.of("comment", "twice"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(operator.post("/api/alarms/no-such-alarm/resolve", Map.of("comment", "x")).status())
        .isEqualTo(404);
  }

  @Test
  void theConfigFormSetsTheSensorsSilenceBound() {
    stack.send(reading(0, 20.0));
    await()
        .atMost(DEADLINE)
        .until(() -> stack.console.live().latest().containsKey(new SensorRef(device, sensor)));

    Answer bad = operator.put(sensorPath() + "/config", Map.of("silentAfterS", 0));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("field").asText()).isEqualTo("silentAfterS");
    Answer put = operator.put(sensorPath() + "/config", Map.of("silentAfterS", 600, "highC", 30.0));

    assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
    SensorConfig onTopic = awaitConfigRecord(device + "/" + sensor, c -> c.silentAfterS() != null);
    assertThat(onTopic.silentAfterS()).isEqualTo(600L);
    assertThat(onTopic.retiredAt()).isNull();
    assertThat(operator.get(sensorPath() + "/series").body().at("/config/silentAfterS").asLong())
        .isEqualTo(600L);
  }

  @Test
  void theCanaryIsNeverASensorADeviceOrAnAlarmOfTheFleet() {
    Instant now = Instant.now();
    // what the job does with it (its own index), and what a job that did not would leave behind
    stack.send(
        Reading.ok(
            Pipeline.SITE,
            Pipeline.CANARY_DEVICE_ID,
            Pipeline.CANARY_SENSOR_ID,
            now.toEpochMilli(),
            now,
            20.0));
    String day = now.toString().substring(0, 10).replace('-', '.');
    stack.es.put(
        "/heatwatch-readings-" + day + "/_doc/heatwatch-canary:1?refresh=true",
        String.format(
            "{\"site\":\"heatwatch\",\"deviceId\":\"%s\",\"sensorId\":\"canary\",\"seq\":1,"
                + "\"ts\":\"%s\",\"tempC\":20.0,\"quality\":\"OK\",\"ingestedAt\":\"%s\"}",
            Pipeline.CANARY_DEVICE_ID, now, now));
    stack.es.put(
        "/heatwatch-devices/_doc/" + Pipeline.CANARY_DEVICE_ID + "?refresh=true",
        String.format(
            "{\"site\":\"heatwatch\",\"deviceId\":\"%s\",\"state\":\"ONLINE\",\"lastSeen\":\"%s\"}",
            Pipeline.CANARY_DEVICE_ID, now));
    String canaryAlarm = Pipeline.CANARY_DEVICE_ID + ":canary:HIGH:" + UUID.randomUUID();
    stack.indexAlarm(
        canaryAlarm,
        String.format(
            "{\"v\":1,\"alarmId\":\"%s\",\"version\":1,\"site\":\"heatwatch\",\"deviceId\":\"%s\","
                + "\"sensorId\":\"canary\",\"kind\":\"HIGH\",\"severity\":\"WARNING\","
                + "\"state\":\"OPEN\",\"openedAt\":\"%s\",\"updatedAt\":\"%s\"}",
            canaryAlarm, Pipeline.CANARY_DEVICE_ID, now, now));
    // a fleet reading written after them: once it shows, the console has read past them
    stack.send(reading(0, 20.0));
    await().atMost(DEADLINE).until(() -> row(operator) != null);
    stack.console.live().refresh();

    JsonNode sensors = operator.get("/api/sensors").body().path("sensors");
    assertThat(sensors)
        .noneSatisfy(
            s -> assertThat(s.path("deviceId").asText()).isEqualTo(Pipeline.CANARY_DEVICE_ID));
    assertThat(operator.get("/api/devices").body().path("devices"))
        .noneSatisfy(
            d -> assertThat(d.path("deviceId").asText()).isEqualTo(Pipeline.CANARY_DEVICE_ID));
    assertThat(operator.get("/api/alarms").body().path("alarms"))
        .noneSatisfy(
            a -> assertThat(a.path("deviceId").asText()).isEqualTo(Pipeline.CANARY_DEVICE_ID));
    assertThat(stack.console.live().latest().keySet())
        .noneMatch(r -> r.deviceId().equals(Pipeline.CANARY_DEVICE_ID));
    assertThat(stack.console.live().activeAlarms()).doesNotContainKey(canaryAlarm);
    assertThat(stack.console.live().devices()).doesNotContainKey(Pipeline.CANARY_DEVICE_ID);
    assertThat(
            operator.get("/api/sensors/" + Pipeline.CANARY_DEVICE_ID + "/canary/series").status())
        .isEqualTo(404);
  }

  private JsonNode row(ApiClient client) {
    for (JsonNode row : client.get("/api/sensors").body().path("sensors")) {
      if (device.equals(row.path("deviceId").asText())
          && sensor.equals(row.path("sensorId").asText())) {
        return row;
      }
    }
    return null;
  }

  private List<JsonNode> alarms(String kind, String state) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode a : operator.get("/api/alarms?state=" + state).body().path("alarms")) {
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

  private JsonNode awaitAudit(String target, String action) {
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
                          "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"target\":\""
                              + target
                              + "\"}},{\"term\":{\"action\":\""
                              + action
                              + "\"}}]}}}")
                      .at("/hits/hits");
              assertThat(hits).hasSize(1);
              holder.put("a", hits.get(0).path("_source"));
            });
    return holder.get("a");
  }

  private SensorConfig awaitConfigRecord(
      String key, java.util.function.Predicate<SensorConfig> wanted) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "oit-" + UUID.randomUUID(),
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
                    SensorConfig c = TelemetryCodec.decodeSensorConfig(r.value());
                    if (wanted.test(c)) {
                      holder.put("c", c);
                    }
                  }
                }
                assertThat(holder).containsKey("c");
              });
      return holder.get("c");
    }
  }
}
