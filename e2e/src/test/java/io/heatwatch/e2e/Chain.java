package io.heatwatch.e2e;

import io.heatwatch.bridge.MqttSinkConnector;
import io.heatwatch.bridge.MqttSourceConnector;
import io.heatwatch.bridge.config.MqttSinkConnectorConfig;
import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.job.HeatwatchJob;
import io.heatwatch.job.JobConfig;
import io.heatwatch.job.JobOptions;
import io.heatwatch.job.Sinks;
import io.heatwatch.job.Sources;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MqttBroker;
import io.heatwatch.watchdog.Watchdog;
import io.heatwatch.watchdog.WatchdogConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole chain built from testkit pieces, each one in reach so a fault can hit it: HiveMQ CE →
 * our MQTT source connector → Kafka → the Flink job → Elasticsearch, and the alarms back to the
 * devices through our MQTT sink connector.
 */
final class Chain implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Chain.class);
  static final int PARTITIONS = 3;
  static final String SOURCE = "heatwatch-mqtt-source";
  static final String DOWNLINK = "heatwatch-mqtt-downlink";
  static final Duration OFFLINE_TIMEOUT = Duration.ofSeconds(8);

  /** The watchdog's stall bound here: canary silence before PIPELINE_STALLED. */
  static final Duration STALL_AFTER = Duration.ofSeconds(10);

  /** Sensors silent this long are retired (production: 7 d). */
  static final Duration RETIRE_AFTER = Duration.ofSeconds(20);

  private static final Duration CONNECT_START = Duration.ofSeconds(120);

  private final Path dir;
  private final int mqttPort;
  private final int connectPort;
  private final int esPort;
  private ElasticsearchServer elasticsearch;
  private KafkaServer kafka;
  private MqttBroker mqtt;
  private ConnectWorker connect;
  private FlinkCluster flink;
  private JobConfig jobConfig;
  private JobClient job;
  private Watchdog watchdog;
  private int taskManager;
  private java.io.PrintStream metricsLog;

  private Chain(Path dir, int mqttPort, int connectPort, int esPort) {
    this.dir = dir;
    this.mqttPort = mqttPort;
    this.connectPort = connectPort;
    this.esPort = esPort;
  }

  /** The MQTT broker's folder (config, persistence). */
  Path mqttDataDir() {
    return dir.resolve("hivemq");
  }

  /** Starts every server, the two connectors and the job. */
  static Chain start(Path dir) throws Exception {
    int[] ports = io.heatwatch.testkit.Ports.free(3);
    Chain chain = new Chain(dir, ports[0], ports[1], ports[2]);
    try {
      chain.startAll();
      return chain;
    } catch (Exception | Error e) {
      chain.close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    CompletableFuture<ElasticsearchServer> es =
        CompletableFuture.supplyAsync(
            () -> ElasticsearchServer.start(dir.resolve("elasticsearch"), esPort));
    CompletableFuture<KafkaServer> kf =
        CompletableFuture.supplyAsync(() -> KafkaServer.start(dir.resolve("kafka"), 0));
    mqtt = MqttBroker.start(mqttDataDir(), mqttPort);
    kafka = kf.join();
    elasticsearch = es.join();
    kafka.createTopics(PARTITIONS, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
    for (String topic : KafkaTopics.COMPACTED) {
      kafka.createCompactedTopic(topic, PARTITIONS);
    }
    IndexTemplates.install(elasticsearch.httpUrl());
    startConnect();
    flink = FlinkCluster.start(0, 1, 4);
    jobConfig =
        JobConfig.fromMap(
            Map.of(
                JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(),
                kafka.bootstrapServers(),
                JobOptions.ELASTICSEARCH_HOSTS.key(),
                elasticsearch.httpUrl(),
                JobOptions.JOB_NAME.key(),
                "heatwatch (e2e)",
                JobOptions.CHECKPOINT_INTERVAL.key(),
                "5 s",
                JobOptions.CHECKPOINT_DIR.key(),
                dir.resolve("checkpoints").toUri().toString(),
                JobOptions.OFFLINE_TIMEOUT.key(),
                OFFLINE_TIMEOUT.toSeconds() + " s",
                JobOptions.RESTART_DELAY.key(),
                "2 s",
                JobOptions.RESTART_MAX_DELAY.key(),
                "4 s",
                JobOptions.RETIRE_AFTER.key(),
                RETIRE_AFTER.toSeconds() + " s"));
    job = submit(null);
    startWatchdog();
  }

  /** The watchdog on the whole chain, with the canary every second and a short stall bound. */
  private void startWatchdog() throws Exception {
    Map<String, Object> settings = new java.util.HashMap<>();
    settings.put(WatchdogConfig.MQTT_SERVER_URI, mqttUri());
    settings.put(WatchdogConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(WatchdogConfig.CONNECT_URL, connect.restUrl());
    settings.put(WatchdogConfig.CONNECT_CONNECTOR, SOURCE);
    settings.put(WatchdogConfig.CONNECT_RESTART_BACKOFF, "2 s");
    settings.put(WatchdogConfig.CONNECT_RESTART_MAX_BACKOFF, "10 s");
    settings.put(WatchdogConfig.FLINK_URL, flink.webUrl());
    settings.put(WatchdogConfig.FLINK_JOB_NAME, jobConfig.jobName());
    settings.put(WatchdogConfig.ELASTICSEARCH_URL, elasticsearch.httpUrl());
    settings.put(WatchdogConfig.CANARY_INTERVAL, "1 s");
    settings.put(WatchdogConfig.STALL_AFTER, STALL_AFTER.toSeconds() + " s");
    settings.put(WatchdogConfig.HEALTH_PORT, 0);
    settings.put(WatchdogConfig.METRICS_INTERVAL, "10 s");
    settings.put(WatchdogConfig.METRICS_STACK, "e2e");
    metricsLog =
        new java.io.PrintStream(
            java.nio.file.Files.newOutputStream(dir.resolve("watchdog-metrics.jsonl")),
            true,
            java.nio.charset.StandardCharsets.UTF_8);
    watchdog =
        Watchdog.start(new WatchdogConfig(settings), java.time.Clock.systemUTC(), metricsLog);
  }

  /** The watchdog watching this chain. */
  Watchdog watchdog() {
    return watchdog;
  }

  /** Publishes {@code value} on a Kafka topic, as the console does for configs and commands. */
  void produce(String topic, String key, byte[] value) throws Exception {
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
            Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer
          .send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value))
          .get();
    }
  }

  private void startConnect() {
    connect =
        ConnectWorker.startStandalone(
            dir.resolve("connect"), kafka.bootstrapServers(), connectPort, Map.of());
    connect.putConnector(SOURCE, sourceConfig());
    connect.putConnector(DOWNLINK, downlinkConfig());
    connect.awaitRunning(SOURCE, CONNECT_START);
    connect.awaitRunning(DOWNLINK, CONNECT_START);
  }

  private Map<String, String> sourceConfig() {
    return Map.of(
        "connector.class",
        MqttSourceConnector.class.getName(),
        "tasks.max",
        "1",
        MqttSourceConnectorConfig.SERVER_URIS_CONFIG,
        mqttUri(),
        MqttSourceConnectorConfig.CLIENT_ID_CONFIG,
        "heatwatch-bridge",
        // One plain subscription: HiveMQ CE mishandles a shared subscription made after a restart.
        MqttSourceConnectorConfig.SHARED_GROUP_CONFIG,
        "");
  }

  private Map<String, String> downlinkConfig() {
    return Map.of(
        "connector.class",
        MqttSinkConnector.class.getName(),
        "tasks.max",
        "1",
        "topics",
        KafkaTopics.ALARMS,
        MqttSinkConnectorConfig.SERVER_URIS_CONFIG,
        mqttUri(),
        MqttSinkConnectorConfig.CLIENT_ID_CONFIG,
        "heatwatch-downlink");
  }

  private JobClient submit(String checkpoint) throws Exception {
    StreamExecutionEnvironment env = flink.environment(1);
    Configuration retain = new Configuration();
    // Kept on cancel, so a stopped job can start again from its latest checkpoint.
    retain.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    env.configure(retain);
    HeatwatchJob.build(env, jobConfig, Sources.kafka(jobConfig), Sinks.production(jobConfig));
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(jobConfig.jobName());
    if (checkpoint != null) {
      graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(checkpoint, false));
    }
    JobClient client = env.executeAsync(graph);
    LOG.info("job {} submitted (from checkpoint {})", client.getJobID(), checkpoint);
    return client;
  }

  String mqttUri() {
    return "tcp://127.0.0.1:" + mqttPort;
  }

  int mqttPort() {
    return mqttPort;
  }

  String elasticsearchUrl() {
    return elasticsearch.httpUrl();
  }

  String kafkaBootstrap() {
    return kafka.bootstrapServers();
  }

  String flinkUrl() {
    return flink.webUrl();
  }

  JobClient job() {
    return job;
  }

  /** Stops the MQTT broker; its sessions and queued messages stay on disk. */
  void stopBroker() {
    mqtt.close();
  }

  /** Starts the MQTT broker again on the same port and data. */
  void startBroker() {
    mqtt = MqttBroker.start(mqttDataDir(), mqttPort);
  }

  void stopElasticsearch() {
    elasticsearch.close();
  }

  void startElasticsearch() {
    elasticsearch = ElasticsearchServer.start(dir.resolve("elasticsearch"), esPort);
  }

  void restartKafka() {
    kafka.restart();
  }

  /** Stops Kafka for {@code outage}, then starts it on the same port and data. */
  void stopKafkaFor(Duration outage) throws InterruptedException {
    kafka.stop();
    Thread.sleep(outage.toMillis());
    kafka.start();
  }

  /** Takes the job's only TaskManager away: the job cannot run until {@link #addTaskManager()}. */
  void removeTaskManager() throws Exception {
    // MiniCluster keeps terminated TaskManagers in its list: the live one is the latest started
    flink.miniCluster().terminateTaskManager(taskManager).get();
  }

  /** Gives the job a TaskManager again. */
  void addTaskManager() throws Exception {
    flink.miniCluster().startTaskManager();
    taskManager++;
  }

  /**
   * Gives the source connector its configuration with {@code overrides} (none: as started) and
   * waits until it runs again.
   */
  void reconfigureSource(Map<String, String> overrides) {
    Map<String, String> config = new java.util.HashMap<>(sourceConfig());
    config.putAll(overrides);
    connect.putConnector(SOURCE, config);
    connect.awaitRunning(SOURCE, CONNECT_START);
  }

  /** Restarts the source connector's task, as after the task died. */
  void restartSourceTask() {
    connect.restartTask(SOURCE, 0);
    connect.awaitRunning(SOURCE, CONNECT_START);
  }

  /** Stops the whole Connect worker and starts a new one on the same offsets and port. */
  void restartConnectWorker() {
    connect.close();
    startConnect();
  }

  /** Kills the job's TaskManager and starts a fresh one; the job restores its last checkpoint. */
  void failTaskManager() throws Exception {
    removeTaskManager();
    addTaskManager();
  }

  /** Cancels the job and submits it again from its latest retained checkpoint; returns its path. */
  String restartJobFromLatestCheckpoint() throws Exception {
    String checkpoint = latestCheckpoint();
    job.cancel().get();
    String after = latestCheckpoint();
    job = submit(after != null ? after : checkpoint);
    return after != null ? after : checkpoint;
  }

  /** The job's state now: RUNNING, RESTARTING, FAILED, ... */
  JobStatus jobStatus() throws Exception {
    return job.getJobStatus().get();
  }

  /** Completed checkpoints of the current job. */
  long completedCheckpoints() throws Exception {
    return flink
        .miniCluster()
        .getExecutionGraph(job.getJobID())
        .get()
        .getCheckpointStatsSnapshot()
        .getCounts()
        .getNumberOfCompletedCheckpoints();
  }

  private String latestCheckpoint() throws Exception {
    CompletedCheckpointStats latest =
        flink
            .miniCluster()
            .getExecutionGraph(job.getJobID())
            .get()
            .getCheckpointStatsSnapshot()
            .getHistory()
            .getLatestCompletedCheckpoint();
    return latest == null ? null : latest.getExternalPath();
  }

  @Override
  public void close() {
    if (watchdog != null) {
      watchdog.close();
      metricsLog.close();
    }
    if (job != null) {
      try {
        job.cancel().get();
      } catch (Exception e) {
        LOG.warn("job cancel: {}", e.toString());
      }
    }
    for (AutoCloseable server : new AutoCloseable[] {flink, connect, elasticsearch, kafka, mqtt}) {
      if (server == null) {
        continue;
      }
      try {
        server.close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", server.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
