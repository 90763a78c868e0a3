package io.heatwatch.console;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import io.heatwatch.console.auth.Role;
import io.heatwatch.console.auth.UserStore;
import io.heatwatch.console.config.ConsoleConfig;
import io.heatwatch.job.HeatwatchJob;
import io.heatwatch.job.JobConfig;
import io.heatwatch.job.JobOptions;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.Notifier;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.KafkaServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What every console test shares, started once per JVM on the testkit servers: the topics and index
 * templates, the production job on the MiniCluster, and one console with an operator and a viewer
 * whose passwords are random per run.
 */
final class ConsoleStack {
  static final String OPERATOR = "olga";
  static final String VIEWER = "victor";

  private static ConsoleStack instance;

  final KafkaServer kafka;
  final ElasticsearchServer elasticsearch;
  final ElasticsearchHttp es;
  final ConsoleServer console;
  final FakeWatchdog watchdog = new FakeWatchdog();
  final String operatorPassword = randomPassword();
  final String viewerPassword = randomPassword();
  private final KafkaProducer<byte[], byte[]> producer;

  /** The webhook requests the notifier made, each a body. */
  final List<String> webhooks = new CopyOnWriteArrayList<>();

  private final Notifier notifier;

  private ConsoleStack(KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink)
      throws Exception {
    this.kafka = kafka;
    this.elasticsearch = elasticsearch;
    this.es = new ElasticsearchHttp(elasticsearch.httpUrl());
    kafka.createTopics(2, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
    for (String topic : KafkaTopics.COMPACTED) {
      kafka.createCompactedTopic(topic, 2);
    }
    IndexTemplates.install(elasticsearch.httpUrl());
    // the audit index as production's setup.sh makes it: the template from infra/, then the index
    es.put(
        "/_index_template/heatwatch-audit",
        Files.readString(Path.of("../infra/elasticsearch/index-templates/heatwatch-audit.json")));
    try {
      es.put("/heatwatch-audit", "{}");
    } catch (IllegalStateException e) {
      if (!e.getMessage().contains("resource_already_exists_exception")) {
        throw e;
      }
    }
    HeatwatchJob.start(
        flink.environment(1),
        JobConfig.fromMap(
            Map.of(
                JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                JobOptions.KAFKA_GROUP_ID.key(), "console-it",
                JobOptions.ELASTICSEARCH_HOSTS.key(), elasticsearch.httpUrl(),
                JobOptions.OUT_OF_ORDERNESS.key(), "1 s",
                JobOptions.IDLENESS.key(), "1 s",
                JobOptions.CHECKPOINT_INTERVAL.key(), "2 s",
                JobOptions.PARALLELISM.key(), "1")));
    Path dir = Files.createDirectories(Path.of("target", "console-it"));
    this.notifier = startNotifier(kafka, dir);
    Path users = dir.resolve("users");
    Files.deleteIfExists(users);
    UserStore.addUser(users, OPERATOR, Role.OPERATOR, operatorPassword.toCharArray());
    UserStore.addUser(users, VIEWER, Role.VIEWER, viewerPassword.toCharArray());
    this.console =
        ConsoleServer.start(
            ConsoleConfig.fromMap(
                Map.of(
                    "watchdog.url",
                    watchdog.url(),
                    "watchdog.poll-interval",
                    "500 ms",
                    ConsoleConfig.PORT,
                    "0",
                    ConsoleConfig.USERS_FILE,
                    users.toString(),
                    ConsoleConfig.ELASTICSEARCH_HOSTS,
                    elasticsearch.httpUrl(),
                    ConsoleConfig.KAFKA_BOOTSTRAP_SERVERS,
                    kafka.bootstrapServers(),
                    ConsoleConfig.POLL_INTERVAL,
                    "500 ms",
                    // every test logs in from 127.0.0.1; LoginIT tests the limits
                    ConsoleConfig.LOGIN_PER_ADDRESS,
                    "1000")),
            Clock.systemUTC());
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /**
   * The notifier on this stack's Kafka, with one webhook channel to a receiver that records each
   * request: its delivery log is what the console's Notifications show.
   */
  private Notifier startNotifier(KafkaServer kafka, Path dir) throws Exception {
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    hook.createContext(
        "/",
        exchange -> {
          try (exchange) {
            webhooks.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            exchange.sendResponseHeaders(204, -1);
          }
        });
    hook.start();
    Path secret = dir.resolve("webhook-secret");
    Files.writeString(secret, "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    // the key that opens secrets sealed in the console, as user_data makes it in production
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    Path settingsKey = dir.resolve("settings-key.pem");
    Files.writeString(
        settingsKey,
        "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    String yaml =
        """
        kafka: {bootstrapServers: "%s"}
        http: {bind: 127.0.0.1, port: 0, publicUrl: "http://127.0.0.1/"}
        settingsKey: "file:%s"
        groupWindow: 0 s
        flapWindow: 0 s
        channels:
          ops-hook: {type: webhook, url: "http://127.0.0.1:%d/", secret: "file:%s"}
        policies:
          - levels: [{notify: [{channel: ops-hook}]}]
        """
            .formatted(kafka.bootstrapServers(), settingsKey, hook.getAddress().getPort(), secret);
    return Notifier.start(NotifierConfig.parse("console-it", yaml), Clock.systemUTC());
  }

  /** The JVM's stack, started on first use. */
  static synchronized ConsoleStack get(
      KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink) throws Exception {
    if (instance == null) {
      instance = new ConsoleStack(kafka, elasticsearch, flink);
    }
    return instance;
  }

  /** Writes an alarm document into {@code heatwatch-alarms} as the job and the watchdog do. */
  void indexAlarm(String alarmId, String json) {
    es.put("/heatwatch-alarms/_doc/" + ApiClient.encode(alarmId) + "?refresh=true", json);
  }

  /** Writes one raw record, as a misbehaving writer would, and waits for Kafka. */
  void sendRaw(String topic, String key, String value) {
    try {
      producer.send(new ProducerRecord<>(topic, key.getBytes(UTF_8), value.getBytes(UTF_8))).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends readings to the job's input topic, as the bridge does, and waits for Kafka. */
  void send(Reading... readings) {
    for (Reading reading : readings) {
      producer.send(
          new ProducerRecord<>(
              KafkaTopics.READINGS,
              reading.deviceId().getBytes(StandardCharsets.UTF_8),
              TelemetryCodec.encode(reading)));
    }
    producer.flush();
  }

  ApiClient login(String user) {
    ApiClient client = new ApiClient(console.url());
    client.login(user, OPERATOR.equals(user) ? operatorPassword : viewerPassword);
    return client;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
