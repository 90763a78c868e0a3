package io.heatwatch.bridge.config;

import static java.time.temporal.ChronoUnit.MILLIS;
import static java.time.temporal.ChronoUnit.SECONDS;

import io.heatwatch.bridge.convert.MessageRouter;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.TelemetryCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of the MQTT → Kafka source connector. */
public final class MqttSourceConnectorConfig extends AbstractConfig {
  public static final String SERVER_URIS_CONFIG = MqttConnection.SERVER_URIS_CONFIG;
  public static final String CLIENT_ID_CONFIG = MqttConnection.CLIENT_ID_CONFIG;
  public static final String USERNAME_CONFIG = MqttConnection.USERNAME_CONFIG;
  public static final String PASSWORD_CONFIG = MqttConnection.PASSWORD_CONFIG;

  public static final String TOPICS_CONFIG = "mqtt.topics";
  private static final String TOPICS_DOC = "MQTT topic filters to subscribe to.";

  public static final String QOS_CONFIG = "mqtt.qos";
  private static final String QOS_DOC = "Subscription QoS; 1 keeps the at-least-once guarantee.";

  private static final String CLIENT_ID_DOC =
      "MQTT client id prefix; task N connects as {prefix}-{N}. Must be stable across restarts so"
          + " the broker keeps the persistent session.";

  public static final String SESSION_EXPIRY_CONFIG = "mqtt.session.expiry.seconds";
  private static final String SESSION_EXPIRY_DOC =
      "How long the broker keeps the session and queues messages while the task is down.";

  public static final String CLEAN_START_CONFIG = "mqtt.clean.start";
  private static final String CLEAN_START_DOC =
      "Start each connection with a fresh session; false (the default) keeps messages queued at"
          + " the broker while the task is down.";

  public static final String SHARED_GROUP_CONFIG = "mqtt.shared.group";
  private static final String SHARED_GROUP_DOC =
      "MQTT v5 shared subscription group: every filter is subscribed as $share/{group}/{filter} so"
          + " tasks split the messages instead of each getting a copy. Empty subscribes plainly"
          + " (then use tasks.max=1).";

  public static final String MAX_INFLIGHT_CONFIG = "mqtt.max.inflight";
  private static final String MAX_INFLIGHT_DOC =
      "Receive Maximum sent to the broker (QoS 1 messages it may have unacknowledged in flight),"
          + " capped at queue.capacity.";

  public static final String RECONNECT_MIN_CONFIG = "mqtt.reconnect.backoff.min.ms";
  private static final String RECONNECT_MIN_DOC = "First delay before reconnecting to the broker.";

  public static final String RECONNECT_MAX_CONFIG = "mqtt.reconnect.backoff.max.ms";
  private static final String RECONNECT_MAX_DOC =
      "Longest delay between reconnect attempts; the delay doubles up to it.";

  public static final String ROUTES_CONFIG = "mqtt.routes";
  private static final String ROUTES_DOC =
      "Rules suffix:kafkaTopic: a message whose topic's last level is suffix goes to kafkaTopic."
          + " readings and status payloads are validated against the contract.";

  public static final String KEY_SEGMENT_CONFIG = "mqtt.key.segment";
  private static final String KEY_SEGMENT_DOC =
      "Zero-based MQTT topic level used as the Kafka record key (3 = the device id of"
          + " heatwatch/v1/{site}/{device}/...).";

  public static final String DLQ_TOPIC_CONFIG = "kafka.topic.dlq";
  private static final String DLQ_TOPIC_DOC =
      "Kafka topic for messages that are not valid contract payloads, with a reason header.";

  public static final String MAX_PAYLOAD_CONFIG = "max.payload.bytes";
  private static final String MAX_PAYLOAD_DOC = "Larger payloads go to the dead-letter topic.";

  public static final String MAX_REQUEST_SIZE_CONFIG = "producer.override.max.request.size";
  private static final String MAX_REQUEST_SIZE_DOC =
      "The producer's max.request.size: every record (value, key and headers, as the producer"
          + " counts them) must fit, or it is dead-lettered instead. Connect also applies it to the"
          + " task's producer; set it when the worker's producer.max.request.size is not the"
          + " default 1 MiB.";

  public static final String DLQ_MAX_PAYLOAD_CONFIG = "kafka.dlq.max.payload.bytes";
  private static final String DLQ_MAX_PAYLOAD_DOC =
      "A dead-letter record keeps at most this many bytes of the payload; its headers give the"
          + " original size and SHA-256.";

  private static final DurationSetting SESSION_EXPIRY =
      new DurationSetting(SECONDS, Duration.ofSeconds(1), Duration.ofSeconds(4_294_967_295L));
  private static final DurationSetting RECONNECT_MIN =
      new DurationSetting(MILLIS, Duration.ofMillis(100), Duration.ofMinutes(10));
  private static final DurationSetting RECONNECT_MAX =
      new DurationSetting(MILLIS, Duration.ofSeconds(1), Duration.ofHours(1));

  /** What a dead-letter record holds besides its payload, at most (topic, key, headers). */
  static final int DLQ_OVERHEAD_BYTES = 16 * 1024;

  public static final String MAX_SENSORS_CONFIG = SensorIdLimits.MAX_SENSORS_CONFIG;
  public static final String SENSOR_DEVICES_CONFIG = SensorIdLimits.SENSOR_DEVICES_CONFIG;
  public static final String SENSOR_EXPIRY_CONFIG = SensorIdLimits.SENSOR_EXPIRY_CONFIG;

  public static final String QUEUE_CAPACITY_CONFIG = "queue.capacity";
  private static final String QUEUE_CAPACITY_DOC =
      "Messages buffered between the MQTT client and poll(). The receive maximum sent to the"
          + " broker is at most this, so the broker never has more unacknowledged QoS 1 messages"
          + " out than fit and the MQTT client never waits.";

  public static final ConfigDef CONFIG_DEF =
      SensorIdLimits.define(
              MqttConnection.define(new ConfigDef(), "heatwatch-bridge", CLIENT_ID_DOC))
          .define(
              TOPICS_CONFIG,
              Type.LIST,
              List.of(MqttTopics.ALL_READINGS, MqttTopics.ALL_STATUS),
              new Validators.NonEmptyList(),
              Importance.HIGH,
              TOPICS_DOC)
          .define(QOS_CONFIG, Type.INT, 1, Range.between(0, 1), Importance.MEDIUM, QOS_DOC)
          .define(
              SESSION_EXPIRY_CONFIG,
              Type.STRING,
              "7 d",
              SESSION_EXPIRY,
              Importance.MEDIUM,
              SESSION_EXPIRY_DOC)
          .define(CLEAN_START_CONFIG, Type.BOOLEAN, false, Importance.LOW, CLEAN_START_DOC)
          .define(
              SHARED_GROUP_CONFIG,
              Type.STRING,
              "heatwatch-bridge",
              new Validators.SharedGroup(),
              Importance.MEDIUM,
              SHARED_GROUP_DOC)
          .define(
              MAX_INFLIGHT_CONFIG,
              Type.INT,
              10_000,
              Range.between(1, 65_535),
              Importance.LOW,
              MAX_INFLIGHT_DOC)
          .define(
              RECONNECT_MIN_CONFIG,
              Type.STRING,
              "1 s",
              RECONNECT_MIN,
              Importance.LOW,
              RECONNECT_MIN_DOC)
          .define(
              RECONNECT_MAX_CONFIG,
              Type.STRING,
              "30 s",
              RECONNECT_MAX,
              Importance.LOW,
              RECONNECT_MAX_DOC)
          .define(
              ROUTES_CONFIG,
              Type.LIST,
              Routes.DEFAULT,
              new Routes.Validator(),
              Importance.HIGH,
              ROUTES_DOC)
          .define(
              KEY_SEGMENT_CONFIG,
              Type.INT,
              3,
              Range.between(0, 64),
              Importance.MEDIUM,
              KEY_SEGMENT_DOC)
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
              MAX_REQUEST_SIZE_CONFIG,
              Type.INT,
              1024 * 1024,
              Range.atLeast(64 * 1024),
              Importance.LOW,
              MAX_REQUEST_SIZE_DOC)
          .define(
              DLQ_MAX_PAYLOAD_CONFIG,
              Type.INT,
              64 * 1024,
              Range.between(0, 16 * 1024 * 1024),
              Importance.LOW,
              DLQ_MAX_PAYLOAD_DOC)
          .define(
              QUEUE_CAPACITY_CONFIG,
              Type.INT,
              10_000,
              Range.between(1, 1_000_000),
              Importance.LOW,
              QUEUE_CAPACITY_DOC);

  public final MqttConnection connection;
  public final List<String> topics;
  public final int qos;
  public final long sessionExpirySeconds;
  public final boolean cleanStart;
  public final String sharedGroup;
  public final int maxInflight;
  public final long reconnectMinMs;
  public final long reconnectMaxMs;
  final Map<String, String> routes;
  final int keySegment;
  public final String dlqTopic;
  final int maxPayloadBytes;
  public final int queueCapacity;
  public final int maxRequestSize;
  public final int dlqMaxPayloadBytes;
  final SensorIdLimits sensorIds;

  public MqttSourceConnectorConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    connection = MqttConnection.of(this);
    topics = getList(TOPICS_CONFIG);
    qos = getInt(QOS_CONFIG);
    sessionExpirySeconds = duration(SESSION_EXPIRY, SESSION_EXPIRY_CONFIG).toSeconds();
    cleanStart = getBoolean(CLEAN_START_CONFIG);
    sharedGroup = getString(SHARED_GROUP_CONFIG);
    maxInflight = getInt(MAX_INFLIGHT_CONFIG);
    reconnectMinMs = duration(RECONNECT_MIN, RECONNECT_MIN_CONFIG).toMillis();
    reconnectMaxMs =
        Math.max(reconnectMinMs, duration(RECONNECT_MAX, RECONNECT_MAX_CONFIG).toMillis());
    routes = Routes.parse(getList(ROUTES_CONFIG));
    keySegment = getInt(KEY_SEGMENT_CONFIG);
    dlqTopic = getString(DLQ_TOPIC_CONFIG);
    maxPayloadBytes = getInt(MAX_PAYLOAD_CONFIG);
    queueCapacity = getInt(QUEUE_CAPACITY_CONFIG);
    maxRequestSize = getInt(MAX_REQUEST_SIZE_CONFIG);
    dlqMaxPayloadBytes = getInt(DLQ_MAX_PAYLOAD_CONFIG);
    sensorIds = SensorIdLimits.of(this);
    if (dlqMaxPayloadBytes + DLQ_OVERHEAD_BYTES > maxRequestSize) {
      throw new ConfigException(
          DLQ_MAX_PAYLOAD_CONFIG,
          dlqMaxPayloadBytes,
          "plus "
              + DLQ_OVERHEAD_BYTES
              + " bytes of key and headers must fit "
              + MAX_REQUEST_SIZE_CONFIG
              + " ("
              + maxRequestSize
              + ")");
    }
  }

  private Duration duration(DurationSetting setting, String key) {
    return setting.read(key, getString(key));
  }

  /** The router of these settings. */
  public MessageRouter router() {
    return new MessageRouter(routes, keySegment, dlqTopic, maxPayloadBytes, sensorIds.tracker());
  }

  /** The filter to subscribe: the shared form when a group is set. */
  public String subscriptionFilter(String filter) {
    return sharedGroup.isEmpty() ? filter : "$share/" + sharedGroup + "/" + filter;
  }
}
