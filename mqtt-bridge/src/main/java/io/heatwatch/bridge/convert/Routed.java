package io.heatwatch.bridge.convert;

/**
 * Where a message goes in Kafka.
 *
 * @param topic the Kafka topic
 * @param key the record key (the device id), {@code null} when unknown
 * @param rejectReason why it went to the dead-letter topic, {@code null} when accepted
 */
public record Routed(String topic, String key, String rejectReason) {
  /** Whether the message was rejected to the dead-letter topic. */
  public boolean rejected() {
    return rejectReason != null;
  }
}
