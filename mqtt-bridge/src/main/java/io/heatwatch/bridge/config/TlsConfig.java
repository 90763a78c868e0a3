package io.heatwatch.bridge.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * TLS settings both connectors share: a PEM CA file or a trust store to verify the broker, and an
 * optional key store for client-certificate authentication.
 *
 * @param caLocation PEM file of the CA certificate(s), empty for none
 * @param trustStoreLocation trust store file, empty for none (then the JVM's default trust)
 * @param trustStoreType trust store type (PKCS12, JKS)
 * @param trustStorePassword trust store password
 * @param keyStoreLocation key store with the client certificate, empty for none
 * @param keyStoreType key store type
 * @param keyStorePassword key store (and key) password
 * @param endpointIdentification whether the broker's certificate must name the host connected to
 */
public record TlsConfig(
    String caLocation,
    String trustStoreLocation,
    String trustStoreType,
    Password trustStorePassword,
    String keyStoreLocation,
    String keyStoreType,
    Password keyStorePassword,
    boolean endpointIdentification) {

  public static final String CA_LOCATION_CONFIG = "mqtt.ssl.ca.location";
  private static final String CA_LOCATION_DOC =
      "PEM file with the CA certificate(s) that signed the broker's certificate; takes precedence"
          + " over the trust store.";

  public static final String TRUSTSTORE_LOCATION_CONFIG = "mqtt.ssl.truststore.location";
  private static final String TRUSTSTORE_LOCATION_DOC =
      "Trust store to verify the broker; empty uses the JVM's default trust.";

  public static final String TRUSTSTORE_TYPE_CONFIG = "mqtt.ssl.truststore.type";
  public static final String TRUSTSTORE_PASSWORD_CONFIG = "mqtt.ssl.truststore.password";

  public static final String KEYSTORE_LOCATION_CONFIG = "mqtt.ssl.keystore.location";
  private static final String KEYSTORE_LOCATION_DOC =
      "Key store with the client certificate and key, for brokers that require client"
          + " certificates; empty for none.";

  public static final String KEYSTORE_TYPE_CONFIG = "mqtt.ssl.keystore.type";
  public static final String KEYSTORE_PASSWORD_CONFIG = "mqtt.ssl.keystore.password";

  public static final String ENDPOINT_IDENTIFICATION_CONFIG =
      "mqtt.ssl.endpoint.identification.enabled";
  private static final String ENDPOINT_IDENTIFICATION_DOC =
      "Whether the broker's certificate must name the host in the server URI (recommended).";

  private static final String GROUP = "TLS";

  /** Adds the TLS settings to {@code def}. */
  static ConfigDef define(ConfigDef def) {
    ConfigDef.Validator file = new ReadableFile();
    ConfigDef.Validator storeType = ConfigDef.ValidString.in("PKCS12", "JKS");
    return def.define(
            CA_LOCATION_CONFIG,
            Type.STRING,
            "",
            file,
            Importance.MEDIUM,
            CA_LOCATION_DOC,
            GROUP,
            1,
            ConfigDef.Width.LONG,
            "CA (PEM)")
        .define(
            TRUSTSTORE_LOCATION_CONFIG,
            Type.STRING,
            "",
            file,
            Importance.MEDIUM,
            TRUSTSTORE_LOCATION_DOC)
        .define(
            TRUSTSTORE_TYPE_CONFIG,
            Type.STRING,
            "PKCS12",
            storeType,
            Importance.LOW,
            "Trust store type.")
        .define(
            TRUSTSTORE_PASSWORD_CONFIG,
            Type.PASSWORD,
            "",
            Importance.MEDIUM,
            "Trust store password.")
        .define(
            KEYSTORE_LOCATION_CONFIG,
            Type.STRING,
            "",
            file,
            Importance.MEDIUM,
            KEYSTORE_LOCATION_DOC)
        .define(
            KEYSTORE_TYPE_CONFIG,
            Type.STRING,
            "PKCS12",
            storeType,
            Importance.LOW,
            "Key store type.")
        .define(
            KEYSTORE_PASSWORD_CONFIG,
            Type.PASSWORD,
            "",
            Importance.MEDIUM,
            "Key store and key password.")
        .define(
            ENDPOINT_IDENTIFICATION_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            ENDPOINT_IDENTIFICATION_DOC);
  }

  /** Reads the TLS settings of a parsed configuration. */
  static TlsConfig of(AbstractConfig config) {
    return new TlsConfig(
        config.getString(CA_LOCATION_CONFIG),
        config.getString(TRUSTSTORE_LOCATION_CONFIG),
        config.getString(TRUSTSTORE_TYPE_CONFIG),
        config.getPassword(TRUSTSTORE_PASSWORD_CONFIG),
        config.getString(KEYSTORE_LOCATION_CONFIG),
        config.getString(KEYSTORE_TYPE_CONFIG),
        config.getPassword(KEYSTORE_PASSWORD_CONFIG),
        config.getBoolean(ENDPOINT_IDENTIFICATION_CONFIG));
  }

  /** Whether anything beyond the JVM's default trust is configured. */
  public boolean customized() {
    return !caLocation.isEmpty() || !trustStoreLocation.isEmpty() || !keyStoreLocation.isEmpty();
  }

  /**
   * Empty, or a path to a readable regular file: a typo fails validate(), not the first connect.
   */
  private static final class ReadableFile implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String location = (String) value;
      if (location == null || location.isEmpty()) {
        return;
      }
      Path path = Path.of(location);
      if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        throw new ConfigException(name, location, "not a readable file");
      }
    }

    @Override
    public String toString() {
      return "empty or a readable file";
    }
  }
}
