package io.heatwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.ApiClient.Answer;
import io.heatwatch.console.config.ConsoleConfig;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Pipeline.Stage;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FaultProxy;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline's health as the console shows it: the watchdog's stages (a real HTTP server serving
 * its document), the banner while a stage is stopped, and {@code /api/health} for load balancers.
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class, FlinkExtension.class})
class PipelineHealthIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private ConsoleStack stack;
  private ApiClient viewer;

  @BeforeEach
  void start(KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink)
      throws Exception {
    stack = ConsoleStack.get(kafka, elasticsearch, flink);
    viewer = stack.login(ConsoleStack.VIEWER);
  }

  @AfterEach
  void flow() {
    stack.watchdog.flow();
    stack.watchdog.answering(true);
  }

  @Test
  void theStripFollowsTheWatchdogAndTheBannerNamesTheStalledStageUntilItFlows() {
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              JsonNode p = viewer.get("/api/pipeline").body();
              assertThat(p.at("/watchdog/status").asText()).isEqualTo("ok");
              assertThat(stages(p))
                  .containsExactly("broker", "bridge", "kafka", "job", "elasticsearch");
              assertThat(p.at("/watchdog/canaryAgeS").asLong()).isEqualTo(2);
              assertThat(p.path("banner").isNull()).isTrue();
            });

    stack.watchdog.stall(Stage.BRIDGE);
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              JsonNode p = viewer.get("/api/pipeline").body();
              assertThat(p.at("/watchdog/status").asText()).isEqualTo("stalled");
              assertThat(p.at("/watchdog/stages/1/state").asText()).isEqualTo("stalled");
              assertThat(p.at("/watchdog/connect/taskRestarts").asLong()).isEqualTo(3);
              assertThat(p.at("/banner/stages").toString()).isEqualTo("[\"bridge\"]");
              assertThat(p.at("/banner/message").asText()).contains("bridge");
            });

    stack.watchdog.flow();
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> assertThat(viewer.get("/api/pipeline").body().path("banner").isNull()).isTrue());
  }

  @Test
  void aWatchdogThatDoesNotAnswerIsShownAsSuchWithoutABanner() {
    stack.watchdog.answering(false);
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              JsonNode p = viewer.get("/api/pipeline").body();
              assertThat(p.at("/watchdog/reachable").asBoolean(true)).isFalse();
              assertThat(p.at("/watchdog/error").asText()).contains("500");
              assertThat(p.path("banner").isNull()).isTrue();
            });
  }

  @Test
  void anOpenPipelineStalledAlarmRaisesTheBannerUntilItIsCleared() {
    String alarmId = Pipeline.DEVICE_ID + ":job:PIPELINE_STALLED:" + UUID.randomUUID();
    Instant opened = Instant.now();
    stack.indexAlarm(alarmId, stalledAlarm(alarmId, 1, "OPEN", opened, null));
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              JsonNode p = viewer.get("/api/pipeline").body();
              assertThat(p.at("/watchdog/status").asText()).isEqualTo("ok");
              assertThat(p.at("/banner/stages").toString()).isEqualTo("[\"job\"]");
              assertThat(p.at("/banner/alarms/0/alarmId").asText()).isEqualTo(alarmId);
            });
    // the alarm shows as the pipeline's, never as a sensor
    assertThat(viewer.get("/api/sensors").body().path("sensors"))
        .noneSatisfy(s -> assertThat(s.path("deviceId").asText()).isEqualTo(Pipeline.DEVICE_ID));

    stack.indexAlarm(alarmId, stalledAlarm(alarmId, 2, "CLEARED", opened, Instant.now()));
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> assertThat(viewer.get("/api/pipeline").body().path("banner").isNull()).isTrue());
  }

  @Test
  void healthForLoadBalancersNeedsNoLoginAndTellsOnlyStates() {
    ApiClient anyone = new ApiClient(stack.console.url());
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              Answer health = anyone.get("/api/health");
              assertThat(health.status()).isEqualTo(200);
              assertThat(health.body().path("status").asText()).isEqualTo("ok");
              assertThat(health.body().path("elasticsearch").asText()).isEqualTo("up");
              assertThat(health.body().path("kafka").asText()).isEqualTo("up");
              List<String> fields = new ArrayList<>();
              health.body().fieldNames().forEachRemaining(fields::add);
              assertThat(fields).containsExactlyInAnyOrder("status", "elasticsearch", "kafka");
            });
  }

  @Test
  void aConsoleThatCannotReachElasticsearchAnswers503UntilItCanAgain(
      ElasticsearchServer elasticsearch) throws Exception {
    URI es = URI.create(elasticsearch.httpUrl());
    try (FaultProxy proxy = FaultProxy.start(es.getHost(), es.getPort(), 17);
        ConsoleServer console =
            ConsoleServer.start(
                ConsoleConfig.fromMap(
                    Map.of(
                        ConsoleConfig.PORT,
                        "0",
                        ConsoleConfig.USERS_FILE,
                        Path.of("target", "console-it", "users").toString(),
                        ConsoleConfig.ELASTICSEARCH_HOSTS,
                        "http://127.0.0.1:" + proxy.port(),
                        ConsoleConfig.KAFKA_BOOTSTRAP_SERVERS,
                        stack.kafka.bootstrapServers(),
                        ConsoleConfig.POLL_INTERVAL,
                        "500 ms")),
                Clock.systemUTC())) {
      ApiClient anyone = new ApiClient(console.url());
      await()
          .atMost(DEADLINE)
          .untilAsserted(() -> assertThat(anyone.get("/api/health").status()).isEqualTo(200));
      proxy.cut();
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                Answer health = anyone.get("/api/health");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.body().path("status").asText()).isEqualTo("down");
                assertThat(health.body().path("elasticsearch").asText()).isEqualTo("down");
                assertThat(health.body().path("kafka").asText()).isEqualTo("up");
              });
      proxy.heal();
      await()
          .atMost(DEADLINE)
          .untilAsserted(() -> assertThat(anyone.get("/api/health").status()).isEqualTo(200));
    }
  }

  @Test
  void aConsoleThatCannotReachKafkaSaysSoAndStillServes() throws Exception {
    try (ConsoleServer console =
        ConsoleServer.start(
            ConsoleConfig.fromMap(
                Map.of(
                    ConsoleConfig.PORT,
                    "0",
                    ConsoleConfig.USERS_FILE,
                    Path.of("target", "console-it", "users").toString(),
                    ConsoleConfig.ELASTICSEARCH_HOSTS,
                    stack.elasticsearch.httpUrl(),
                    ConsoleConfig.KAFKA_BOOTSTRAP_SERVERS,
                    "127.0.0.1:" + closedPort(),
                    ConsoleConfig.POLL_INTERVAL,
                    "500 ms")),
            Clock.systemUTC())) {
      ApiClient anyone = new ApiClient(console.url());
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                Answer health = anyone.get("/api/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.body().path("status").asText()).isEqualTo("degraded");
                assertThat(health.body().path("elasticsearch").asText()).isEqualTo("up");
                assertThat(health.body().path("kafka").asText()).isEqualTo("down");
              });
    }
  }

  private static int closedPort() throws Exception {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static List<String> stages(JsonNode pipeline) {
    List<String> names = new ArrayList<>();
    pipeline.at("/watchdog/stages").forEach(s -> names.add(s.path("stage").asText()));
    return names;
  }

  /** A PIPELINE_STALLED alarm document as the watchdog writes it. */
  static String stalledAlarm(
      String alarmId, long version, String state, Instant opened, Instant cleared) {
    return String.format(
        "{\"v\":1,\"alarmId\":\"%s\",\"version\":%d,\"site\":\"%s\",\"deviceId\":\"%s\","
            + "\"sensorId\":\"job\",\"kind\":\"PIPELINE_STALLED\",\"severity\":\"CRITICAL\","
            + "\"state\":\"%s\",\"openedAt\":\"%s\",\"updatedAt\":\"%s\",\"clearedAt\":%s,"
            + "\"message\":\"pipeline stalled at the job: no canary in heatwatch-canary\"}",
        alarmId,
        version,
        Pipeline.SITE,
        Pipeline.DEVICE_ID,
        state,
        opened,
        cleared == null ? opened : cleared,
        cleared == null ? "null" : "\"" + cleared + "\"");
  }
}
