package io.heatwatch.watchdog;

import io.heatwatch.model.Durations;
import io.heatwatch.model.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog's settings, each defined once (key, type, default, doc, validation) in {@link
 * #DEFINITION}; read once at start-up, a bad value stops the start with one line naming the key.
 * Durations take heatwatch's one syntax ({@code 5 s}, {@link Durations}; ISO-8601 such as {@code
 * PT5S} is still read). A key renamed since a release is still read under its old spelling, with
 * one WARN naming the new key.
 */
public final class WatchdogConfig extends AbstractConfig {
  public static final String MQTT_SERVER_URI = "mqtt.server-uri";
  public static final String MQTT_USERNAME = "mqtt.username";
  public static final String MQTT_PASSWORD_FILE = "mqtt.password-file";
  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String KAFKA_JOB_GROUP_ID = "kafka.job-group-id";
  public static final String CONNECT_URL = "connect.url";
  public static final String CONNECT_CONNECTOR = "connect.connector";
  public static final String CONNECT_RESTART_BACKOFF = "connect.restart.backoff";
  public static final String CONNECT_RESTART_MAX_BACKOFF = "connect.restart.max-backoff";
  public static final String FLINK_URL = "flink.url";
  public static final String FLINK_JOB_NAME = "flink.job-name";
  public static final String ELASTICSEARCH_URL = "elasticsearch.url";
  public static final String ELASTICSEARCH_USERNAME = "elasticsearch.username";
  public static final String ELASTICSEARCH_PASSWORD_FILE = "elasticsearch.password-file";
  public static final String CANARY_INTERVAL = "canary.interval";
  public static final String STALL_AFTER = "stall.after";
  public static final String HTTP_TIMEOUT = "http.timeout";
  public static final String HEALTH_BIND_ADDRESS = "health.bind-address";
  public static final String HEALTH_PORT = "health.port";
  public static final String METRICS_INTERVAL = "metrics.interval";
  public static final String METRICS_STACK = "metrics.stack";
  public static final String BROKER_QUEUE_MAX_BYTES = "broker.queue.max-bytes";

  /** Every setting of the watchdog. */
  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(MQTT_SERVER_URI, Type.STRING, Importance.HIGH, "Broker the canary publishes to")
          .define(
              MQTT_USERNAME,
              Type.STRING,
              Pipeline.CANARY_DEVICE_ID,
              Importance.MEDIUM,
              "The canary's broker user name; the ACL must let it write and read its own"
                  + " readings topic (and read $SYS/broker/store/messages/#)")
          .define(
              MQTT_PASSWORD_FILE,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "File holding the canary's broker password; empty for a broker without logins")
          .define(KAFKA_BOOTSTRAP_SERVERS, Type.STRING, Importance.HIGH, "Kafka bootstrap servers")
          .define(
              KAFKA_JOB_GROUP_ID,
              Type.STRING,
              "heatwatch-job",
              Importance.LOW,
              "The job's consumer group (its committed offsets give the readings lag)")
          .define(CONNECT_URL, Type.STRING, Importance.HIGH, "Connect worker REST URL")
          .define(
              CONNECT_CONNECTOR,
              Type.STRING,
              "heatwatch-mqtt-source",
              Importance.MEDIUM,
              "The MQTT source connector to watch and restart")
          .define(
              CONNECT_RESTART_BACKOFF,
              Type.STRING,
              "5 s",
              durations(),
              Importance.LOW,
              "First wait before restarting a FAILED connector or task; doubles per restart")
          .define(
              CONNECT_RESTART_MAX_BACKOFF,
              Type.STRING,
              "5 min",
              durations(),
              Importance.LOW,
              "Longest wait between restarts; back to the first after a RUNNING check")
          .define(FLINK_URL, Type.STRING, Importance.HIGH, "Flink JobManager REST URL")
          .define(
              FLINK_JOB_NAME,
              Type.STRING,
              "heatwatch",
              Importance.MEDIUM,
              "The job's name, or the start of it")
          .define(ELASTICSEARCH_URL, Type.STRING, Importance.HIGH, "Elasticsearch HTTP URL")
          .define(
              ELASTICSEARCH_USERNAME,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "Elasticsearch user (basic auth); empty for a cluster without security")
          .define(
              ELASTICSEARCH_PASSWORD_FILE,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "File holding that user's password")
          .define(
              CANARY_INTERVAL,
              Type.STRING,
              "5 s",
              durations(),
              Importance.MEDIUM,
              "How often the canary is published and every stage checked")
          .define(
              STALL_AFTER,
              Type.STRING,
              "60 s",
              durations(),
              Importance.MEDIUM,
              "Canary silence after which PIPELINE_STALLED opens (the issue's bound is 2 min)")
          .define(
              HTTP_TIMEOUT,
              Type.STRING,
              "3 s",
              durations(),
              Importance.LOW,
              "Timeout of each REST call to Connect, Flink and Elasticsearch")
          .define(
              HEALTH_BIND_ADDRESS,
              Type.STRING,
              "127.0.0.1",
              Importance.MEDIUM,
              "Address of the /health endpoint")
          .define(
              HEALTH_PORT,
              Type.INT,
              8095,
              ConfigDef.Range.between(0, 65535),
              Importance.MEDIUM,
              "Port of the /health endpoint; 0 picks a free one")
          .define(
              METRICS_INTERVAL,
              Type.STRING,
              "1 min",
              durations(),
              Importance.LOW,
              "How often the CloudWatch EMF metrics line is written")
          .define(
              METRICS_STACK,
              Type.STRING,
              "local",
              Importance.LOW,
              "Value of the metrics' Stack dimension")
          .define(
              BROKER_QUEUE_MAX_BYTES,
              Type.LONG,
              0L,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "The broker's queue bound (Mosquitto max_queued_bytes x clients, or its memory"
                  + " limit); a fill past half of it is a warning; 0 when unknown");

  /** Old spellings of renamed keys, and the key each is now. */
  private static final Map<String, String> RENAMED =
      Map.of("kafka.bootstrap-servers", KAFKA_BOOTSTRAP_SERVERS);

  public WatchdogConfig(Map<String, ?> settings) {
    this(settings, LoggerFactory.getLogger(WatchdogConfig.class));
  }

  WatchdogConfig(Map<String, ?> settings, Logger log) {
    super(DEFINITION, renamed(settings, log), false);
  }

  /** {@code settings} with each old key under its new name, unless the new one is set too. */
  private static Map<String, Object> renamed(Map<String, ?> settings, Logger log) {
    Map<String, Object> out = new HashMap<>(settings);
    RENAMED.forEach(
        (old, now) -> {
          if (out.containsKey(old)) {
            Object value = out.remove(old);
            if (out.containsKey(now)) {
              log.warn("setting {} is ignored: {} is set, its new name", old, now);
            } else {
              out.put(now, value);
              log.warn("setting {} is now called {}; please rename it", old, now);
            }
          }
        });
    return out;
  }

  /** Reads a properties file. */
  static WatchdogConfig load(Path file) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
    Map<String, Object> settings = new HashMap<>();
    props.forEach((k, v) -> settings.put((String) k, v));
    return new WatchdogConfig(settings);
  }

  Duration duration(String key) {
    return Durations.parse(key, getString(key));
  }

  Optional<String> mqttPassword() {
    return secret(MQTT_PASSWORD_FILE);
  }

  /** The value of an Authorization header for Elasticsearch, empty without a user. */
  Optional<String> elasticsearchAuthorization() {
    String user = getString(ELASTICSEARCH_USERNAME);
    if (user.isEmpty()) {
      return Optional.empty();
    }
    String password =
        secret(ELASTICSEARCH_PASSWORD_FILE)
            .orElseThrow(
                () ->
                    new ConfigException(
                        ELASTICSEARCH_PASSWORD_FILE,
                        "",
                        "is required with " + ELASTICSEARCH_USERNAME));
    return Optional.of(
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private Optional<String> secret(String key) {
    String file = getString(key);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new ConfigException(key, file, "cannot read: " + e.getMessage());
    }
  }

  private static ConfigDef.Validator durations() {
    return (name, value) -> {
      Duration d;
      try {
        d = Durations.parse(name, (String) value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
      if (d.isNegative() || d.isZero()) {
        throw new ConfigException(name, value, "must be positive");
      }
    };
  }
}
