package io.heatwatch.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.bridge.MqttSourceConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttSourceConnectorConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> props = new HashMap<>();
    props.put(MqttSourceConnectorConfig.SERVER_URIS_CONFIG, "tcp://127.0.0.1:1883");
    return props;
  }

  @Test
  void defaultsFollowTheContract() {
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(minimal());
    assertThat(config.topics)
        .containsExactly("heatwatch/v1/+/+/readings", "heatwatch/v1/+/+/status");
    assertThat(config.routes)
        .containsExactly(
            Map.entry("readings", "heatwatch.readings"),
            Map.entry("status", "heatwatch.device-status"));
    assertThat(config.keySegment).isEqualTo(3);
    assertThat(config.subscriptionFilter("heatwatch/v1/+/+/readings"))
        .isEqualTo("$share/heatwatch-bridge/heatwatch/v1/+/+/readings");
    assertThat(config.cleanStart).isFalse();
    assertThat(config.dlqTopic).isEqualTo("heatwatch.readings.dlq");
    assertThat(config.qos).isEqualTo(1);
    assertThat(config.maxPayloadBytes).isEqualTo(256 * 1024);
  }

  @Test
  void badBrokerUriNamesTheSetting() {
    Map<String, String> props = minimal();
    props.put(MqttSourceConnectorConfig.SERVER_URIS_CONFIG, "http://broker");
    assertThatThrownBy(() -> new MqttSourceConnectorConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.server.uris")
        .hasMessageContaining("http://broker");
  }

  @Test
  void qosTwoIsRejected() {
    Map<String, String> props = minimal();
    props.put(MqttSourceConnectorConfig.QOS_CONFIG, "2");
    assertThatThrownBy(() -> new MqttSourceConnectorConfig(props)).hasMessageContaining("mqtt.qos");
  }

  @Test
  void validateReportsEachBadSettingByName() {
    Map<String, String> props = minimal();
    props.put(MqttSourceConnectorConfig.SERVER_URIS_CONFIG, "tcp://nohost");
    props.put(MqttSourceConnectorConfig.MAX_PAYLOAD_CONFIG, "1");
    List<ConfigValue> values = new MqttSourceConnector().validate(props).configValues();
    assertThat(values)
        .filteredOn(v -> !v.errorMessages().isEmpty())
        .extracting(ConfigValue::name)
        .containsExactlyInAnyOrder(
            MqttSourceConnectorConfig.SERVER_URIS_CONFIG,
            MqttSourceConnectorConfig.MAX_PAYLOAD_CONFIG);
  }

  @Test
  void emptySharedGroupSubscribesPlainly() {
    Map<String, String> props = minimal();
    props.put(MqttSourceConnectorConfig.SHARED_GROUP_CONFIG, "");
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(props);
    assertThat(config.subscriptionFilter("a/+")).isEqualTo("a/+");
  }

  @Test
  void routesAreConfigurable() {
    Map<String, String> props = minimal();
    props.put(MqttSourceConnectorConfig.ROUTES_CONFIG, "readings:r.x, events:e.y");
    props.put(MqttSourceConnectorConfig.KEY_SEGMENT_CONFIG, "2");
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(props);
    assertThat(config.routes)
        .containsExactly(Map.entry("readings", "r.x"), Map.entry("events", "e.y"));
    assertThat(config.keySegment).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mqtt.routes|readings",
        "mqtt.routes|readings:bad topic",
        "mqtt.routes|alarms:heatwatch.alarms",
        "mqtt.routes|readings:a,readings:b",
        "mqtt.routes|a/b:t",
        "mqtt.shared.group|a/b",
        "mqtt.shared.group|#",
        "mqtt.key.segment|-1",
        "mqtt.max.inflight|0",
        "mqtt.reconnect.backoff.min.ms|5",
        "mqtt.ssl.ca.location|/no/such/ca.pem",
        "mqtt.ssl.truststore.location|/no/such/store.p12",
        "mqtt.ssl.truststore.type|PEMX",
        "mqtt.ssl.keystore.location|/no/such/key.p12"
      })
  void badSettingFailsValidateNamingIt(String name, String value) {
    Map<String, String> props = minimal();
    props.put(name, value);
    List<ConfigValue> values = new MqttSourceConnector().validate(props).configValues();
    assertThat(values)
        .filteredOn(v -> !v.errorMessages().isEmpty())
        .extracting(ConfigValue::name)
        .containsExactly(name);
    assertThatThrownBy(() -> new MqttSourceConnectorConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(name);
  }

  @Test
  void sinkConfigValidatesTlsToo() {
    Map<String, String> props = minimal();
    props.put(TlsConfig.CA_LOCATION_CONFIG, "/no/such/ca.pem");
    assertThatThrownBy(() -> new MqttSinkConnectorConfig(props))
        .hasMessageContaining(TlsConfig.CA_LOCATION_CONFIG);
  }

  @Test
  void passwordIsHiddenInToString() {
    Map<String, String> props = minimal();
    props.put(MqttSourceConnectorConfig.USERNAME_CONFIG, "bridge");
    props.put(MqttSourceConnectorConfig.PASSWORD_CONFIG, "s3cret-value");
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(props);
    assertThat(config.connection.password().toString()).doesNotContain("s3cret-value");
    assertThat(config.connection.password().value()).isEqualTo("s3cret-value");
  }
}
