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

  @Override
  public String version() {
    return BridgeVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    new MqttSourceConnectorConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return MqttSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    // One task for now: several tasks need shared subscriptions so they split rather than copy.
    List<Map<String, String>> configs = new ArrayList<>();
    Map<String, String> task = new HashMap<>(props);
    task.put(TaskIds.TASK_ID, "0");
    configs.add(task);
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
