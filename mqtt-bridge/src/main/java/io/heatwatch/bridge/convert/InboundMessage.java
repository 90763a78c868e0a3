package io.heatwatch.bridge.convert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One MQTT message as the bridge received it, independent of the MQTT client library.
 *
 * @param topic the MQTT topic
 * @param payload the payload bytes, passed to Kafka unchanged
 * @param qos the delivery QoS
 * @param retained whether the broker delivered it as a retained message
 * @param messageId the MQTT packet id (only meaningful for QoS > 0)
 * @param userProperties MQTT v5 user properties in arrival order (a name may repeat)
 * @param receivedAt when the bridge received it
 */
public record InboundMessage(
    String topic,
    byte[] payload,
    int qos,
    boolean retained,
    int messageId,
    List<Map.Entry<String, String>> userProperties,
    Instant receivedAt) {}
