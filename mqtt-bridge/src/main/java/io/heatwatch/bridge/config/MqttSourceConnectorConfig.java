package io.heatwatch.bridge.config;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.TelemetryCodec;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Settings of the MQTT → Kafka source connector. */
public final class MqttSourceConnectorConfig extends AbstractConfig {
  public static final String SERVER_URIS_CONFIG = "mqtt.server.uris";
  private static final String SERVER_URIS_DOC = "Broker URIs (tcp:// or ssl://), tried in order.";

  public static final String TOPICS_CONFIG = "mqtt.topics";
  private static final String TOPICS_DOC = "MQTT topic filters to subscribe to.";

  public static final String QOS_CONFIG = "mqtt.qos";
  private static final String QOS_DOC = "Subscription QoS; 1 keeps the at-least-once guarantee.";

  public static final String CLIENT_ID_CONFIG = "mqtt.client.id";
  private static final String CLIENT_ID_DOC =
      "MQTT client id prefix; task N connects as {prefix}-{N}. Must be stable across restarts so"
          + " the broker keeps the persistent session.";

  public static final String USERNAME_CONFIG = "mqtt.username";
  private static final String USERNAME_DOC = "MQTT user name, empty for none.";

  public static final String PASSWORD_CONFIG = "mqtt.password";
  private static final String PASSWORD_DOC = "MQTT password.";

  public static final String SESSION_EXPIRY_CONFIG = "mqtt.session.expiry.seconds";
  private static final String SESSION_EXPIRY_DOC =
      "How long the broker keeps the session and queues messages while the task is down.";

  public static final String READINGS_TOPIC_CONFIG = "kafka.topic.readings";
  private static final String READINGS_TOPIC_DOC = "Kafka topic for readings messages.";

  public static final String STATUS_TOPIC_CONFIG = "kafka.topic.status";
  private static final String STATUS_TOPIC_DOC = "Kafka topic for device status messages.";

  public static final String DLQ_TOPIC_CONFIG = "kafka.topic.dlq";
  private static final String DLQ_TOPIC_DOC =
      "Kafka topic for messages that are not valid contract payloads, with a reason header.";

  public static final String MAX_PAYLOAD_CONFIG = "max.payload.bytes";
  private static final String MAX_PAYLOAD_DOC = "Larger payloads go to the dead-letter topic.";

  public static final String QUEUE_CAPACITY_CONFIG = "queue.capacity";
  private static final String QUEUE_CAPACITY_DOC =
      "Messages buffered between the MQTT client and poll(); when full, the MQTT callback waits,"
          + " which holds back PUBACKs and so the broker.";

  /** Validates broker URI lists; shared with the sink connector. */
  static final ConfigDef.Validator SERVER_URIS_VALIDATOR = new ServerUris();

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              SERVER_URIS_CONFIG,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              new ServerUris(),
              Importance.HIGH,
              SERVER_URIS_DOC)
          .define(
              TOPICS_CONFIG,
              Type.LIST,
              List.of(MqttTopics.ALL_READINGS, MqttTopics.ALL_STATUS),
              new NonEmptyList(),
              Importance.HIGH,
              TOPICS_DOC)
          .define(QOS_CONFIG, Type.INT, 1, Range.between(0, 1), Importance.MEDIUM, QOS_DOC)
          .define(
              CLIENT_ID_CONFIG,
              Type.STRING,
              "heatwatch-bridge",
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              CLIENT_ID_DOC)
          .define(USERNAME_CONFIG, Type.STRING, "", Importance.MEDIUM, USERNAME_DOC)
          .define(PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, PASSWORD_DOC)
          .define(
              SESSION_EXPIRY_CONFIG,
              Type.LONG,
              7 * 24 * 3600L,
              Range.between(1, 4_294_967_295L),
              Importance.MEDIUM,
              SESSION_EXPIRY_DOC)
          .define(
              READINGS_TOPIC_CONFIG,
              Type.STRING,
              KafkaTopics.READINGS,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              READINGS_TOPIC_DOC)
          .define(
              STATUS_TOPIC_CONFIG,
              Type.STRING,
              KafkaTopics.DEVICE_STATUS,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              STATUS_TOPIC_DOC)
          .define(
              DLQ_TOPIC_CONFIG,
              Type.STRING,
              KafkaTopics.READINGS_DLQ,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              DLQ_TOPIC_DOC)
          .define(
              MAX_PAYLOAD_CONFIG,
              Type.INT,
              TelemetryCodec.MAX_PAYLOAD_BYTES,
              Range.between(64, 16 * 1024 * 1024),
              Importance.LOW,
              MAX_PAYLOAD_DOC)
          .define(
              QUEUE_CAPACITY_CONFIG,
              Type.INT,
              10_000,
              Range.between(1, 1_000_000),
              Importance.LOW,
              QUEUE_CAPACITY_DOC);

  public final List<String> serverUris;
  public final List<String> topics;
  public final int qos;
  public final String clientId;
  public final String username;
  public final Password password;
  public final long sessionExpirySeconds;
  public final String readingsTopic;
  public final String statusTopic;
  public final String dlqTopic;
  public final int maxPayloadBytes;
  public final int queueCapacity;

  public MqttSourceConnectorConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    serverUris = getList(SERVER_URIS_CONFIG);
    topics = getList(TOPICS_CONFIG);
    qos = getInt(QOS_CONFIG);
    clientId = getString(CLIENT_ID_CONFIG);
    username = getString(USERNAME_CONFIG);
    password = getPassword(PASSWORD_CONFIG);
    sessionExpirySeconds = getLong(SESSION_EXPIRY_CONFIG);
    readingsTopic = getString(READINGS_TOPIC_CONFIG);
    statusTopic = getString(STATUS_TOPIC_CONFIG);
    dlqTopic = getString(DLQ_TOPIC_CONFIG);
    maxPayloadBytes = getInt(MAX_PAYLOAD_CONFIG);
    queueCapacity = getInt(QUEUE_CAPACITY_CONFIG);
  }

  /** Lists that must hold at least one entry. */
  private static final class NonEmptyList implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || ((List<?>) value).isEmpty()) {
        throw new ConfigException(name, value, "at least one entry is needed");
      }
    }

    @Override
    public String toString() {
      return "non-empty list";
    }
  }

  /** Broker URIs must be {@code tcp://host:port} or {@code ssl://host:port}. */
  private static final class ServerUris implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> uris = (List<String>) value;
      if (uris == null || uris.isEmpty()) {
        throw new ConfigException(name, value, "at least one broker URI is needed");
      }
      for (String uri : uris) {
        if (!uri.matches("(tcp|ssl)://[^/:]+:\\d{1,5}")) {
          throw new ConfigException(name, uri, "expected tcp://host:port or ssl://host:port");
        }
      }
    }

    @Override
    public String toString() {
      return "list of tcp://host:port or ssl://host:port";
    }
  }
}
