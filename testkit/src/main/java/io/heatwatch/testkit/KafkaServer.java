package io.heatwatch.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An in-process Kafka 3.9 KRaft node (broker and controller in one) on 127.0.0.1. */
public final class KafkaServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  private KafkaServer(Path dataDir, int port, int controllerPort) {
    this.logDir = dataDir.toAbsolutePath().resolve("logs");
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /**
   * Formats {@code dataDir} on first use and starts the node; {@code port} 0 picks a free port,
   * which is then kept for {@link #restart()}.
   */
  public static KafkaServer start(Path dataDir, int port) {
    int brokerPort = Ports.orFree(port);
    // Two free-port lookups can hand back the same port (it is free until someone binds it).
    int controllerPort = Ports.free();
    while (controllerPort == brokerPort) {
      controllerPort = Ports.free();
    }
    KafkaServer kafka = new KafkaServer(dataDir, brokerPort, controllerPort);
    kafka.startNode();
    return kafka;
  }

  /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return Ports.LOOPBACK + ":" + port;
  }

  /** Creates the topics that do not exist yet, replication factor 1. */
  public void createTopics(int partitions, String... names) {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, partitions, (short) 1));
    }
    create(topics);
  }

  /** Creates a log-compacted topic unless it exists, replication factor 1. */
  public void createCompactedTopic(String name, int partitions) {
    NewTopic topic =
        new NewTopic(name, partitions, (short) 1)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    create(List.of(topic));
  }

  /** Stops the node and starts it again on the same port and data, as after a process restart. */
  public synchronized void restart() {
    stopNode();
    startNode();
  }

  /** Stops the node, keeping its port and data for {@link #start()}. */
  public synchronized void stop() {
    stopNode();
  }

  /** Starts a node stopped by {@link #stop()} again on the same port and data. */
  public synchronized void start() {
    startNode();
  }

  @Override
  public synchronized void close() {
    stopNode();
  }

  private synchronized void startNode() {
    long started = System.nanoTime();
    KafkaConfig config = new KafkaConfig(brokerProperties(), false);
    formatIfNew();
    KafkaRaftServer raft = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      raft.startup();
    } catch (RuntimeException e) {
      raft.shutdown();
      throw new IllegalStateException("Kafka did not start on " + bootstrapServers(), e);
    }
    server = raft;
    LOG.info(
        "Kafka started on {} in {} ms (data {})",
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        logDir);
  }

  private void stopNode() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  private Map<String, String> brokerProperties() {
    String controller = Ports.LOOPBACK + ":" + controllerPort;
    Map<String, String> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + controller);
    props.put("listeners", "PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + controller);
    props.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "1");
    // One node: internal topics cannot have more replicas than brokers.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    // Fewer internal partitions make the first consumer group and transaction start faster.
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("group.initial.rebalance.delay.ms", "0");
    // Flink's KafkaSink (EXACTLY_ONCE) asks for 1 h transactions; the broker default max is 15 min.
    props.put("transaction.max.timeout.ms", String.valueOf(Duration.ofHours(2).toMillis()));
    // The cleaner's 128 MiB default dedupe buffer is most of a small test heap.
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    return props;
  }

  private void formatIfNew() {
    Path metaProperties = logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
    if (Files.exists(metaProperties)) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(logDir.toString())
          .addDirectory(logDir.toString())
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
    }
  }

  private void create(List<NewTopic> topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(topics).values().values().forEach(KafkaServer::awaitCreated);
    }
  }

  private static void awaitCreated(KafkaFuture<Void> future) {
    try {
      future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("topic creation failed: " + e.getCause(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("topic creation timed out after " + ADMIN_TIMEOUT, e);
    }
  }
}
