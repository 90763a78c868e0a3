package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.convert.InboundMessage;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/** A source record that remembers which MQTT message to acknowledge once Kafka has it. */
final class MqttSourceRecord extends SourceRecord {
  final AckTracker.Pending pending;
  final boolean deadLettered;
  final InboundMessage message;

  MqttSourceRecord(
      Map<String, ?> sourcePartition,
      Map<String, ?> sourceOffset,
      String topic,
      byte[] key,
      byte[] value,
      Long timestamp,
      Headers headers,
      AckTracker.Pending pending,
      boolean deadLettered,
      InboundMessage message) {
    super(
        sourcePartition,
        sourceOffset,
        topic,
        null,
        Schema.OPTIONAL_BYTES_SCHEMA,
        key,
        Schema.BYTES_SCHEMA,
        value,
        timestamp,
        headers);
    this.pending = pending;
    this.deadLettered = deadLettered;
    this.message = message;
  }
}
