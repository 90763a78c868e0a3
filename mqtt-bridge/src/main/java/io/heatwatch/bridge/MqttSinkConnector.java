package io.heatwatch.bridge;

import io.heatwatch.bridge.config.MqttSinkConnectorConfig;
import io.heatwatch.bridge.mqtt.MqttSinkTask;
import io.heatwatch.bridge.mqtt.TaskIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Kafka → MQTT v5 downlink: alarm events and sensor configuration to each device. */
public final class MqttSinkConnector extends SinkConnector {
  private Map<String, String> props;

  @Override
  public String version() {
    return BridgeVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    new MqttSinkConnectorConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return MqttSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new HashMap<>(props);
      task.put(TaskIds.TASK_ID, Integer.toString(i));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return MqttSinkConnectorConfig.CONFIG_DEF;
  }
}
