package io.heatwatch.local;

/**
 * The loopback ports of the local stack's servers; 0 picks a free port (tests).
 *
 * @param mqtt HiveMQ CE MQTT listener
 * @param kafka Kafka KRaft broker
 * @param connect Connect worker REST API
 * @param flink Flink web UI and REST API
 * @param elasticsearch Elasticsearch HTTP
 */
public record StackPorts(int mqtt, int kafka, int connect, int flink, int elasticsearch) {
  /** The ports the demo uses by default, the servers' usual ones. */
  public static final StackPorts DEFAULTS = new StackPorts(1883, 9092, 8083, 8081, 9200);

  /** Free ports everywhere, for tests. */
  public static final StackPorts ANY = new StackPorts(0, 0, 0, 0, 0);
}
