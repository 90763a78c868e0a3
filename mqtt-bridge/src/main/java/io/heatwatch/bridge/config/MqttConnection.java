package io.heatwatch.bridge.config;

import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The broker connection settings the source and the sink connector share, defined once: broker
 * URIs, client id prefix, login and TLS.
 *
 * @param serverUris broker URIs, tried in order
 * @param clientId client id prefix; task N connects as {prefix}-{N}
 * @param username MQTT user name, empty for none
 * @param password MQTT password
 * @param tls TLS settings
 */
public record MqttConnection(
    List<String> serverUris, String clientId, String username, Password password, TlsConfig tls) {
  static final String SERVER_URIS_CONFIG = "mqtt.server.uris";
  private static final String SERVER_URIS_DOC = "Broker URIs (tcp:// or ssl://), tried in order.";

  static final String CLIENT_ID_CONFIG = "mqtt.client.id";

  static final String USERNAME_CONFIG = "mqtt.username";
  private static final String USERNAME_DOC = "MQTT user name, empty for none.";

  static final String PASSWORD_CONFIG = "mqtt.password";
  private static final String PASSWORD_DOC = "MQTT password.";

  /**
   * Adds the connection settings to {@code def}; the client id's default and doc differ between the
   * connectors.
   */
  static ConfigDef define(ConfigDef def, String defaultClientId, String clientIdDoc) {
    def.define(
            SERVER_URIS_CONFIG,
            Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            new ServerUris(),
            Importance.HIGH,
            SERVER_URIS_DOC)
        .define(
            CLIENT_ID_CONFIG,
            Type.STRING,
            defaultClientId,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            clientIdDoc)
        .define(USERNAME_CONFIG, Type.STRING, "", Importance.MEDIUM, USERNAME_DOC)
        .define(PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, PASSWORD_DOC);
    return TlsConfig.define(def);
  }

  /** The connection settings of {@code config}, whose definition {@link #define} filled. */
  static MqttConnection of(AbstractConfig config) {
    return new MqttConnection(
        config.getList(SERVER_URIS_CONFIG),
        config.getString(CLIENT_ID_CONFIG),
        config.getString(USERNAME_CONFIG),
        config.getPassword(PASSWORD_CONFIG),
        TlsConfig.of(config));
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
