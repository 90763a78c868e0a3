package io.heatwatch.bridge.mqtt;

/** JMX view of one source task: {@code io.heatwatch.bridge:type=mqtt-source-task,...}. */
public interface SourceTaskMetricsMBean {
  /** MQTT messages received from the broker. */
  long getReceived();

  /** Messages Kafka acknowledged on their routed topic. */
  long getForwarded();

  /** Messages Kafka acknowledged on the dead-letter topic. */
  long getDeadLettered();

  /** Messages received and not yet acknowledged to the broker. */
  int getPendingAcks();

  /** Connections made after a loss. */
  long getReconnects();
}
