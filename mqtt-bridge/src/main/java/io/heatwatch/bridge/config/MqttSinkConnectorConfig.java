package io.heatwatch.bridge.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/** Settings of the Kafka → MQTT downlink connector. */
public final class MqttSinkConnectorConfig extends AbstractConfig {
  public static final String SERVER_URIS_CONFIG = MqttSourceConnectorConfig.SERVER_URIS_CONFIG;
  public static final String CLIENT_ID_CONFIG = MqttSourceConnectorConfig.CLIENT_ID_CONFIG;
  public static final String USERNAME_CONFIG = MqttSourceConnectorConfig.USERNAME_CONFIG;
  public static final String PASSWORD_CONFIG = MqttSourceConnectorConfig.PASSWORD_CONFIG;

  public static final String ACK_TIMEOUT_CONFIG = "mqtt.ack.timeout.ms";
  private static final String ACK_TIMEOUT_DOC =
      "How long put() waits for the broker's PUBACKs before the batch is retried.";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              SERVER_URIS_CONFIG,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              MqttSourceConnectorConfig.SERVER_URIS_VALIDATOR,
              Importance.HIGH,
              "Broker URIs (tcp:// or ssl://), tried in order.")
          .define(
              CLIENT_ID_CONFIG,
              Type.STRING,
              "heatwatch-downlink",
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "MQTT client id prefix; task N connects as {prefix}-{N}.")
          .define(
              USERNAME_CONFIG,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "MQTT user name, empty for none.")
          .define(PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, "MQTT password.")
          .define(
              ACK_TIMEOUT_CONFIG,
              Type.LONG,
              30_000L,
              Range.between(100, 600_000),
              Importance.LOW,
              ACK_TIMEOUT_DOC);

  static {
    TlsConfig.define(CONFIG_DEF);
  }

  public final List<String> serverUris;
  public final String clientId;
  public final String username;
  public final Password password;
  public final long ackTimeoutMs;
  public final TlsConfig tls;

  public MqttSinkConnectorConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    serverUris = getList(SERVER_URIS_CONFIG);
    clientId = getString(CLIENT_ID_CONFIG);
    username = getString(USERNAME_CONFIG);
    password = getPassword(PASSWORD_CONFIG);
    ackTimeoutMs = getLong(ACK_TIMEOUT_CONFIG);
    tls = TlsConfig.of(this);
  }
}
