package io.heatwatch.bridge.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of the Kafka → MQTT downlink connector. */
public final class MqttSinkConnectorConfig extends AbstractConfig {
  public static final String SERVER_URIS_CONFIG = MqttConnection.SERVER_URIS_CONFIG;
  public static final String CLIENT_ID_CONFIG = MqttConnection.CLIENT_ID_CONFIG;
  public static final String USERNAME_CONFIG = MqttConnection.USERNAME_CONFIG;
  public static final String PASSWORD_CONFIG = MqttConnection.PASSWORD_CONFIG;

  public static final String ACK_TIMEOUT_CONFIG = "mqtt.ack.timeout.ms";
  private static final String ACK_TIMEOUT_DOC =
      "How long put() waits for the broker's PUBACKs before the batch is retried.";

  private static final DurationSetting ACK_TIMEOUT =
      new DurationSetting(ChronoUnit.MILLIS, Duration.ofMillis(100), Duration.ofMinutes(10));

  public static final ConfigDef CONFIG_DEF =
      MqttConnection.define(
              new ConfigDef(),
              "heatwatch-downlink",
              "MQTT client id prefix; task N connects as {prefix}-{N}.")
          .define(
              ACK_TIMEOUT_CONFIG,
              Type.STRING,
              "30 s",
              ACK_TIMEOUT,
              Importance.LOW,
              ACK_TIMEOUT_DOC);

  public final MqttConnection connection;
  public final long ackTimeoutMs;

  public MqttSinkConnectorConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    connection = MqttConnection.of(this);
    ackTimeoutMs = ACK_TIMEOUT.read(ACK_TIMEOUT_CONFIG, getString(ACK_TIMEOUT_CONFIG)).toMillis();
  }
}
