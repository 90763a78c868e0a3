package io.heatwatch.bridge.config;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Routing rules {@code suffix:kafkaTopic}: an MQTT message whose topic ends in level {@code suffix}
 * goes to {@code kafkaTopic}. Contract channels ({@code readings}, {@code status}) are validated
 * against the contract; other suffixes pass through with only the size check.
 */
final class Routes {
  /** The contract's uplink channels and their Kafka topics. */
  static final List<String> DEFAULT =
      List.of(
          Channel.READINGS.segment() + ":" + KafkaTopics.READINGS,
          Channel.STATUS.segment() + ":" + KafkaTopics.DEVICE_STATUS);

  private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern SUFFIX = Pattern.compile("[^/+#:]+");

  private Routes() {}

  /** Parses validated rules into suffix → Kafka topic, in the order given. */
  static Map<String, String> parse(List<String> rules) {
    Map<String, String> routes = new LinkedHashMap<>();
    for (String rule : rules) {
      int colon = rule.indexOf(':');
      routes.put(rule.substring(0, colon).trim(), rule.substring(colon + 1).trim());
    }
    return routes;
  }

  /** Validates the {@code mqtt.routes} list. */
  static final class Validator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> rules = (List<String>) value;
      if (rules == null || rules.isEmpty()) {
        throw new ConfigException(name, value, "at least one suffix:kafkaTopic rule is needed");
      }
      Map<String, String> seen = new LinkedHashMap<>();
      for (String rule : rules) {
        int colon = rule.indexOf(':');
        if (colon < 0) {
          throw new ConfigException(name, rule, "expected suffix:kafkaTopic");
        }
        String suffix = rule.substring(0, colon).trim();
        String topic = rule.substring(colon + 1).trim();
        if (!SUFFIX.matcher(suffix).matches()) {
          throw new ConfigException(name, rule, "suffix must be one topic level without + # :");
        }
        if (suffix.equals(Channel.ALARMS.segment()) || suffix.equals(Channel.CONFIG.segment())) {
          throw new ConfigException(name, rule, "'" + suffix + "' is a downlink channel");
        }
        if (!KAFKA_TOPIC.matcher(topic).matches()) {
          throw new ConfigException(name, rule, "'" + topic + "' is not a valid Kafka topic name");
        }
        if (seen.put(suffix, topic) != null) {
          throw new ConfigException(name, rule, "suffix '" + suffix + "' is routed twice");
        }
      }
    }

    @Override
    public String toString() {
      return "list of suffix:kafkaTopic";
    }
  }
}
