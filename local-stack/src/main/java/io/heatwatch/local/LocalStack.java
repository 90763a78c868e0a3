package io.heatwatch.local;

import io.heatwatch.bridge.MqttSourceConnector;
import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MqttBroker;
import io.heatwatch.testkit.Ports;
import io.heatwatch.watchdog.WatchdogConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole heatwatch chain in one process on loopback: HiveMQ CE, Kafka (KRaft), a Connect worker
 * running our MQTT source connector, a Flink MiniCluster running the job, and Elasticsearch.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private static final int PARTITIONS = 3;
  static final String SOURCE_CONNECTOR = "heatwatch-mqtt-source";

  private final List<AutoCloseable> started = new ArrayList<>();
  private ElasticsearchServer elasticsearch;
  private KafkaServer kafka;
  private MqttBroker mqtt;
  private ConnectWorker connect;
  private FlinkCluster flink;
  private JobClient job;

  private LocalStack() {}

  /**
   * Starts every server, creates the topics and index templates, and runs the connector and the
   * job; on any failure stops what was started and rethrows.
   */
  public static LocalStack start(Path dataDir, StackPorts ports) throws Exception {
    requireFree(ports);
    LocalStack stack = new LocalStack();
    try {
      stack.startServers(dataDir, ports);
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private static void requireFree(StackPorts ports) {
    Ports.requireFree(ports.mqtt(), "--mqtt-port");
    Ports.requireFree(ports.kafka(), "--kafka-port");
    Ports.requireFree(ports.connect(), "--connect-port");
    Ports.requireFree(ports.flink(), "--flink-port");
    Ports.requireFree(ports.elasticsearch(), "--es-port");
  }

  private void startServers(Path dataDir, StackPorts ports) throws Exception {
    // The three slow starters come up side by side; everything after needs them.
    CompletableFuture<ElasticsearchServer> es =
        CompletableFuture.supplyAsync(
            () ->
                ElasticsearchServer.start(dataDir.resolve("elasticsearch"), ports.elasticsearch()));
    CompletableFuture<KafkaServer> kf =
        CompletableFuture.supplyAsync(
            () -> KafkaServer.start(dataDir.resolve("kafka"), ports.kafka()));
    CompletableFuture<MqttBroker> mq =
        CompletableFuture.supplyAsync(
            () -> MqttBroker.start(dataDir.resolve("hivemq"), ports.mqtt()));
    kafka = track(join(kf));
    mqtt = track(join(mq));
    elasticsearch = track(join(es));

    createTopics();
    IndexTemplates.install(elasticsearch.httpUrl());

    connect =
        track(
            ConnectWorker.startStandalone(
                dataDir.resolve("connect"), kafka.bootstrapServers(), ports.connect(), Map.of()));
    connect.putConnector(SOURCE_CONNECTOR, sourceConnectorConfig(mqtt.uri()));
    connect.awaitRunning(SOURCE_CONNECTOR, Duration.ofSeconds(60));

    flink = track(FlinkCluster.start(ports.flink(), 1, 4));
    job = JobLauncher.submit(flink, kafka.bootstrapServers(), elasticsearch.httpUrl());
    LOG.info("local stack up: job {} running", job.getJobID());
  }

  private void createTopics() {
    kafka.createTopics(PARTITIONS, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
    for (String topic : KafkaTopics.COMPACTED) {
      kafka.createCompactedTopic(topic, PARTITIONS);
    }
  }

  /**
   * The watchdog's settings for this stack: its broker, Kafka, Connect worker and connector, Flink
   * job and Elasticsearch; {@code healthPort} 0 picks a free port.
   */
  public Map<String, Object> watchdogSettings(int healthPort) {
    Map<String, Object> s = new java.util.HashMap<>();
    s.put(WatchdogConfig.MQTT_SERVER_URI, mqtt.uri());
    s.put(WatchdogConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    s.put(WatchdogConfig.CONNECT_URL, connect.restUrl());
    s.put(WatchdogConfig.CONNECT_CONNECTOR, SOURCE_CONNECTOR);
    s.put(WatchdogConfig.FLINK_URL, flink.webUrl());
    s.put(WatchdogConfig.FLINK_JOB_NAME, JobLauncher.JOB_NAME);
    s.put(WatchdogConfig.ELASTICSEARCH_URL, elasticsearch.httpUrl());
    s.put(WatchdogConfig.HEALTH_PORT, healthPort);
    return s;
  }

  /** The source connector's configuration for a broker. */
  static Map<String, String> sourceConnectorConfig(String mqttUri) {
    return Map.of(
        "connector.class",
        MqttSourceConnector.class.getName(),
        "tasks.max",
        "1",
        MqttSourceConnectorConfig.SERVER_URIS_CONFIG,
        mqttUri,
        MqttSourceConnectorConfig.CLIENT_ID_CONFIG,
        "heatwatch-bridge",
        // One task on HiveMQ: a plain subscription. HiveMQ CE started again on existing data
        // delivered one message to a shared subscription made after the restart, then nothing.
        MqttSourceConnectorConfig.SHARED_GROUP_CONFIG,
        "");
  }

  private <T extends AutoCloseable> T track(T server) {
    started.add(server);
    return server;
  }

  private static <T> T join(CompletableFuture<T> future) throws Exception {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  public ElasticsearchServer elasticsearch() {
    return elasticsearch;
  }

  public KafkaServer kafka() {
    return kafka;
  }

  public MqttBroker mqtt() {
    return mqtt;
  }

  public ConnectWorker connect() {
    return connect;
  }

  public FlinkCluster flink() {
    return flink;
  }

  public JobClient job() {
    return job;
  }

  /** Stops the job, then the servers in reverse start order. */
  @Override
  public void close() {
    if (job != null) {
      try {
        job.cancel().get();
      } catch (Exception e) {
        LOG.warn("job cancel: {}", e.toString());
      }
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", started.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    started.clear();
  }
}
