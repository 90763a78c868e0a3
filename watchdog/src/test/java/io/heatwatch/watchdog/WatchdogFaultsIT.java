package io.heatwatch.watchdog;

import static io.heatwatch.watchdog.WatchdogIT.WITHIN;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Pipeline.Stage;
import io.heatwatch.testkit.ConnectExtension;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FaultProxy;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MqttBroker;
import io.heatwatch.testkit.MqttBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stage cut off from the watchdog only (a {@link FaultProxy} between them) is named, and its
 * PIPELINE_STALLED still gets out on the other path: through Kafka while Elasticsearch is
 * unreachable, into the index once it is back.
 */
@ExtendWith({
  MqttBrokerExtension.class,
  KafkaExtension.class,
  ConnectExtension.class,
  ElasticsearchExtension.class,
  FlinkExtension.class
})
class WatchdogFaultsIT {
  private static final String CONNECTOR = "watchdog-faults-source";

  @Test
  void anUnreachableElasticsearchOrBrokerIsNamedAndTheAlarmGetsOut(
      MqttBroker mqtt,
      KafkaServer kafka,
      ConnectWorker connect,
      ElasticsearchServer es,
      FlinkCluster flink)
      throws Exception {
    kafka.createTopics(3, KafkaTopics.READINGS, KafkaTopics.ALARMS, KafkaTopics.NOTIFICATIONS);
    ElasticsearchHttp http = new ElasticsearchHttp(es.httpUrl());
    http.put(
        "/_index_template/heatwatch-alarms",
        Files.readString(Path.of("../infra/elasticsearch/index-templates/heatwatch-alarms.json")));
    connect.putConnector(CONNECTOR, WatchdogIT.bridge(mqtt.uri(), "watchdog-faults-bridge"));
    connect.awaitRunning(CONNECTOR, Duration.ofSeconds(60));
    JobClient job = WatchdogIT.heatwatchJob(flink);
    try (FaultProxy esProxy = FaultProxy.start("127.0.0.1", es.httpPort(), 1);
        FaultProxy mqttProxy = FaultProxy.start("127.0.0.1", mqtt.port(), 2);
        CanaryRelay relay = new CanaryRelay(kafka.bootstrapServers(), es.httpUrl())) {
      Map<String, Object> settings = WatchdogIT.settings(mqtt, kafka, connect, es, flink);
      settings.put(WatchdogConfig.CONNECT_CONNECTOR, CONNECTOR);
      settings.put(WatchdogConfig.ELASTICSEARCH_URL, "http://127.0.0.1:" + esProxy.port());
      settings.put(WatchdogConfig.MQTT_SERVER_URI, mqttProxy.uri());
      try (Watchdog watchdog = WatchdogIT.start(settings, new ByteArrayOutputStream())) {
        await().atMost(WITHIN).until(() -> "ok".equals(watchdog.status().status()));

        // Elasticsearch unreachable: named; the alarm reaches Kafka now and the index later
        esProxy.cut();
        await().atMost(WITHIN).until(() -> watchdog.status().stalled().isPresent());
        assertEquals(Optional.of(Stage.ELASTICSEARCH), watchdog.status().stalled());
        Alarm opened = WatchdogIT.awaitAlarmInKafka(kafka, "elasticsearch", AlarmState.OPEN);
        esProxy.heal();
        await().atMost(WITHIN).until(() -> "ok".equals(watchdog.status().status()));
        WatchdogIT.awaitAlarmDoc(http, opened.alarmId(), "CLEARED");

        // the broker unreachable: named
        mqttProxy.cut();
        await().atMost(WITHIN).until(() -> watchdog.status().stalled().isPresent());
        assertEquals(Optional.of(Stage.BROKER), watchdog.status().stalled());
        Alarm broker = WatchdogIT.awaitAlarmInKafka(kafka, "broker", AlarmState.OPEN);
        WatchdogIT.awaitAlarmDoc(http, broker.alarmId(), "OPEN");
        mqttProxy.heal();
        await().atMost(WITHIN).until(() -> "ok".equals(watchdog.status().status()));
        WatchdogIT.awaitAlarmDoc(http, broker.alarmId(), "CLEARED");
      }
    } finally {
      job.cancel().get();
      connect.deleteConnector(CONNECTOR);
    }
  }
}
