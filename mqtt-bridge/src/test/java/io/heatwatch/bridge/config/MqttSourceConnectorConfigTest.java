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
    assertThat(config.readingsTopic).isEqualTo("heatwatch.readings");
    assertThat(config.statusTopic).isEqualTo("heatwatch.device-status");
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
  void passwordIsHiddenInToString() {
    Map<String, String> props = minimal();
    props.put(MqttSourceConnectorConfig.USERNAME_CONFIG, "bridge");
    props.put(MqttSourceConnectorConfig.PASSWORD_CONFIG, "s3cret-value");
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(props);
    assertThat(config.password.toString()).doesNotContain("s3cret-value");
    assertThat(config.password.value()).isEqualTo("s3cret-value");
  }
}
