package io.heatwatch.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.bridge.MqttSinkConnector;
import io.heatwatch.bridge.MqttSourceConnector;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * heatwatch's own duration settings of the connectors take the one duration syntax ({@code 30 s});
 * their keys stay as deployed connector configs have them, and a bare number is still read in the
 * unit the key names.
 */
class DurationSettingsTest {
  private static Map<String, String> minimal() {
    Map<String, String> props = new HashMap<>();
    props.put(MqttSourceConnectorConfig.SERVER_URIS_CONFIG, "tcp://127.0.0.1:1883");
    return props;
  }

  @Test
  void sourceDurationsTakeTheOneSyntax() {
    Map<String, String> props = minimal();
    props.put(MqttSourceConnectorConfig.RECONNECT_MIN_CONFIG, "2 s");
    props.put(MqttSourceConnectorConfig.RECONNECT_MAX_CONFIG, "5 min");
    props.put(MqttSourceConnectorConfig.SENSOR_EXPIRY_CONFIG, "3 d");
    props.put(MqttSourceConnectorConfig.SESSION_EXPIRY_CONFIG, "12 h");
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(props);
    assertThat(config.reconnectMinMs).isEqualTo(2_000);
    assertThat(config.reconnectMaxMs).isEqualTo(300_000);
    assertThat(config.sensorIds.expiry()).isEqualTo(Duration.ofDays(3));
    assertThat(config.sessionExpirySeconds).isEqualTo(12 * 3600);
  }

  @Test
  void aBareNumberIsStillReadInTheUnitTheKeyNames() {
    Map<String, String> props = minimal();
    props.put(MqttSourceConnectorConfig.RECONNECT_MIN_CONFIG, "1500");
    props.put(MqttSourceConnectorConfig.SENSOR_EXPIRY_CONFIG, "604800000");
    props.put(MqttSourceConnectorConfig.SESSION_EXPIRY_CONFIG, "604800");
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(props);
    assertThat(config.reconnectMinMs).isEqualTo(1_500);
    assertThat(config.sensorIds.expiry()).isEqualTo(Duration.ofDays(7));
    assertThat(config.sessionExpirySeconds).isEqualTo(604_800);
  }

  @Test
  void theDefaultsAreWrittenInTheOneSyntaxAndMeanWhatTheyDidBefore() {
    ConfigDef def = MqttSourceConnectorConfig.CONFIG_DEF;
    assertThat(def.defaultValues())
        .containsEntry(MqttSourceConnectorConfig.RECONNECT_MIN_CONFIG, "1 s")
        .containsEntry(MqttSourceConnectorConfig.RECONNECT_MAX_CONFIG, "30 s")
        .containsEntry(MqttSourceConnectorConfig.SENSOR_EXPIRY_CONFIG, "7 d")
        .containsEntry(MqttSourceConnectorConfig.SESSION_EXPIRY_CONFIG, "7 d");
    assertThat(MqttSinkConnectorConfig.CONFIG_DEF.defaultValues())
        .containsEntry(MqttSinkConnectorConfig.ACK_TIMEOUT_CONFIG, "30 s");
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(minimal());
    assertThat(config.reconnectMinMs).isEqualTo(1_000);
    assertThat(config.reconnectMaxMs).isEqualTo(30_000);
    assertThat(config.sensorIds.expiry()).isEqualTo(Duration.ofDays(7));
    assertThat(config.sessionExpirySeconds).isEqualTo(7 * 24 * 3600);
  }

  @Test
  void theSinksAckTimeoutTakesTheOneSyntax() {
    Map<String, String> props = minimal();
    props.put(MqttSinkConnectorConfig.ACK_TIMEOUT_CONFIG, "45 s");
    assertThat(new MqttSinkConnectorConfig(props).ackTimeoutMs).isEqualTo(45_000);
    props.put(MqttSinkConnectorConfig.ACK_TIMEOUT_CONFIG, "2000");
    assertThat(new MqttSinkConnectorConfig(props).ackTimeoutMs).isEqualTo(2_000);
    props.put(MqttSinkConnectorConfig.ACK_TIMEOUT_CONFIG, "2 parsecs");
    List<ConfigValue> values = new MqttSinkConnector().validate(props).configValues();
    assertThat(values)
        .filteredOn(v -> !v.errorMessages().isEmpty())
        .extracting(ConfigValue::name)
        .containsExactly(MqttSinkConnectorConfig.ACK_TIMEOUT_CONFIG);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mqtt.reconnect.backoff.min.ms|50 ms",
        "mqtt.reconnect.backoff.min.ms|30 parsecs",
        "mqtt.reconnect.backoff.max.ms|2 h",
        "sensor.ids.expiry.ms|30 s",
        "mqtt.session.expiry.seconds|0 s",
        "mqtt.session.expiry.seconds|-5"
      })
  void aBadDurationFailsValidateNamingTheKeyAndTheValue(String key, String value) {
    Map<String, String> props = minimal();
    props.put(key, value);
    List<ConfigValue> values = new MqttSourceConnector().validate(props).configValues();
    assertThat(values)
        .filteredOn(v -> !v.errorMessages().isEmpty())
        .extracting(ConfigValue::name)
        .containsExactly(key);
    assertThatThrownBy(() -> new MqttSourceConnectorConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(value);
  }
}
