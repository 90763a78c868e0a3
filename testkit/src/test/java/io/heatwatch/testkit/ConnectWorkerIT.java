package io.heatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({KafkaExtension.class, ConnectExtension.class})
class ConnectWorkerIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void restApiListsClasspathPlugins(ConnectWorker connect) {
    assertThat(connect.restUrl()).startsWith("http://127.0.0.1:");
    JsonHttp rest = new JsonHttp(connect.restUrl());
    assertThat(rest.json("GET", "/", null).path("version").asText()).startsWith("3.9");

    List<String> plugins = new ArrayList<>();
    rest.json("GET", "/connector-plugins?connectorsOnly=false", null)
        .forEach(plugin -> plugins.add(plugin.path("class").asText()));
    assertThat(plugins)
        .contains(ByteArrayConverter.class.getName(), TickSourceConnector.class.getName());
  }

  @Test
  void runsRestartsAndDeletesAConnector(KafkaServer kafka, ConnectWorker connect) {
    String topic = "testkit.connect-it";
    kafka.createTopics(1, topic);
    connect.putConnector("tick-it", tickConfig(topic, false));
    connect.awaitRunning("tick-it", TIMEOUT);

    assertThat(Records.readUntil(kafka, topic, "tick-0")).contains("tick-0");

    connect.restartTask("tick-it", 0);
    connect.awaitRunning("tick-it", TIMEOUT);
    connect.deleteConnector("tick-it");
    await().atMost(TIMEOUT).until(() -> connect.status("tick-it") == null);
  }

  @Test
  void awaitRunningReportsAFailedTaskWithItsTrace(KafkaServer kafka, ConnectWorker connect) {
    String topic = "testkit.connect-it-failing";
    kafka.createTopics(1, topic);
    connect.putConnector("failing-it", tickConfig(topic, true));

    assertThatThrownBy(() -> connect.awaitRunning("failing-it", TIMEOUT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FAILED")
        .hasMessageContaining("tick task told to fail on start");
    connect.deleteConnector("failing-it");
  }

  @Test
  void distributedWorkerRunsAConnector(KafkaServer kafka, @TempDir Path dataDir) {
    String group = "testkit-it-" + UUID.randomUUID();
    String topic = "testkit.connect-it-distributed";
    kafka.createTopics(1, topic);
    try (ConnectWorker worker =
        ConnectWorker.startDistributed(dataDir, kafka.bootstrapServers(), 0, group, Map.of())) {
      worker.putConnector("tick-distributed", tickConfig(topic, false));
      worker.awaitRunning("tick-distributed", TIMEOUT);
      JsonNode status = worker.status("tick-distributed");
      assertThat(status.path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
      assertThat(Records.readUntil(kafka, topic, "tick-0")).contains("tick-0");
    }
  }

  private static Map<String, String> tickConfig(String topic, boolean failOnStart) {
    return Map.of(
        "connector.class",
        TickSourceConnector.class.getName(),
        "tasks.max",
        "1",
        TickSourceConnector.TOPIC_CONFIG,
        topic,
        TickSourceConnector.FAIL_CONFIG,
        String.valueOf(failOnStart));
  }
}
