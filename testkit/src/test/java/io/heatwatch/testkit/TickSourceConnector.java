package io.heatwatch.testkit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/** A test-only source connector, found through META-INF/services, that writes "tick-N" values. */
public final class TickSourceConnector extends SourceConnector {
  static final String TOPIC_CONFIG = "topic";
  static final String FAIL_CONFIG = "fail.on.start";
  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(TOPIC_CONFIG, Type.STRING, Importance.HIGH, "Topic the ticks go to.")
          .define(FAIL_CONFIG, Type.BOOLEAN, false, Importance.LOW, "Tasks fail on start.");

  private Map<String, String> props = Map.of();

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return TickSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return Collections.nCopies(maxTasks, props);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public String version() {
    return "test";
  }
}
