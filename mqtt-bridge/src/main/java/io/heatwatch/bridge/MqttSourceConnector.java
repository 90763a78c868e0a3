package io.heatwatch.bridge;

import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.bridge.mqtt.MqttSourceTask;
import io.heatwatch.bridge.mqtt.TaskIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * MQTT v5 → Kafka, at least once: a message is acknowledged to the broker only once Kafka has it.
 */
public final class MqttSourceConnector extends SourceConnector {
  private Map<String, String> props;
  private MqttSourceConnectorConfig config;

  @Override
  public String version() {
    return BridgeVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new MqttSourceConnectorConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return MqttSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    // Without a shared subscription group every task would get a copy of every message.
    int tasks = config.sharedGroup.isEmpty() ? 1 : maxTasks;
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      Map<String, String> task = new HashMap<>(props);
      task.put(TaskIds.TASK_ID, Integer.toString(i));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.UNSUPPORTED;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return MqttSourceConnectorConfig.CONFIG_DEF;
  }
}
