package io.heatwatch.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.bridge.convert.InboundMessage;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.header.Header;
import org.junit.jupiter.api.Test;

class SourceRecordsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.125Z");

  private static SourceRecords records(Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>();
    props.put(MqttSourceConnectorConfig.SERVER_URIS_CONFIG, "tcp://127.0.0.1:1883");
    props.put(MqttSourceConnectorConfig.ROUTES_CONFIG, "readings:readings,events:events");
    props.put(MqttSourceConnectorConfig.DLQ_TOPIC_CONFIG, "dlq");
    props.putAll(overrides);
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(props);
    return new SourceRecords(
        config, config.router(), Map.of("mqtt.client.id", "test-0"), Clock.systemUTC());
  }

  private static InboundMessage message(String topic, byte[] payload) {
    return new InboundMessage(topic, payload, 1, false, 7, List.of(), NOW);
  }

  private static String header(MqttSourceRecord record, String name) {
    Header header = record.headers().lastWithName(name);
    return header == null ? null : String.valueOf(header.value());
  }

  private static int size(MqttSourceRecord record) {
    return RecordSize.of((byte[]) record.key(), (byte[]) record.value(), record.headers());
  }

  @Test
  void aValidReadingGoesToItsTopicUnchanged() {
    byte[] reading =
        TelemetryCodec.encode(Reading.ok("home", "pi-1", "28-0316a2796aff", 1, NOW, 21.5));
    MqttSourceRecord record =
        records(Map.of()).of(message("heatwatch/v1/home/pi-1/readings", reading), null);
    assertThat(record.topic()).isEqualTo("readings");
    assertThat(record.value()).isEqualTo(reading);
    assertThat(record.deadLettered).isFalse();
  }

  /** Issue 16: the whole 2.6 MB payload on the dead-letter record made the producer fail. */
  @Test
  void anOversizedPayloadIsDeadLetteredWithABoundedPrefixItsSizeAndDigest() {
    byte[] huge = new byte[2_600_000];
    new Random(16).nextBytes(huge);
    MqttSourceRecord record =
        records(Map.of()).of(message("heatwatch/v1/home/pi-1/readings", huge), null);
    assertThat(record.topic()).isEqualTo("dlq");
    assertThat(record.deadLettered).isTrue();
    assertThat((byte[]) record.value()).isEqualTo(Arrays.copyOf(huge, 64 * 1024));
    assertThat(header(record, "heatwatch.dlq.original.size")).isEqualTo("2600000");
    assertThat(header(record, "heatwatch.dlq.original.sha256"))
        .isEqualTo(SourceRecords.sha256(huge))
        .hasSize(64);
    assertThat(header(record, "heatwatch.dlq.reason")).contains("2600000 bytes exceeds");
    assertThat(size(record)).isLessThanOrEqualTo(1024 * 1024);
  }

  @Test
  void anAcceptedMessageWhoseRecordExceedsTheRequestLimitIsDeadLettered() {
    byte[] big = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
    MqttSourceRecord record =
        records(
                Map.of(
                    MqttSourceConnectorConfig.MAX_PAYLOAD_CONFIG, "1000000",
                    MqttSourceConnectorConfig.MAX_REQUEST_SIZE_CONFIG, "131072",
                    MqttSourceConnectorConfig.DLQ_MAX_PAYLOAD_CONFIG, "1024"))
            .of(message("plant/7/line/press-2/events", big), null);
    assertThat(record.topic()).isEqualTo("dlq");
    assertThat(record.key()).isEqualTo("press-2".getBytes(StandardCharsets.UTF_8));
    assertThat((byte[]) record.value()).hasSize(1024);
    assertThat(header(record, "heatwatch.dlq.reason"))
        .contains("exceeds producer.override.max.request.size 131072");
    assertThat(header(record, "heatwatch.dlq.original.size")).isEqualTo("200000");
  }

  @Test
  void aHugeTopicAndReasonAreShortenedOnTheDeadLetterRecord() {
    String level = "k".repeat(60_000);
    MqttSourceRecord record =
        records(Map.of(MqttSourceConnectorConfig.KEY_SEGMENT_CONFIG, "0"))
            .of(message(level + "/debug", new byte[10]), null);
    assertThat(record.topic()).isEqualTo("dlq");
    assertThat(header(record, "mqtt.topic")).hasSize(RecordHeaders.MAX_DEAD_LETTER_TEXT);
    assertThat((byte[]) record.key()).hasSizeLessThanOrEqualTo(4 * 256);
    assertThat(header(record, "heatwatch.dlq.reason"))
        .hasSizeLessThanOrEqualTo(RecordHeaders.MAX_DEAD_LETTER_TEXT);
  }

  @Test
  void aDeadLetterPayloadThatCannotFitTheRequestLimitIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                records(
                    Map.of(
                        MqttSourceConnectorConfig.MAX_REQUEST_SIZE_CONFIG, "65536",
                        MqttSourceConnectorConfig.DLQ_MAX_PAYLOAD_CONFIG, "65536")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(MqttSourceConnectorConfig.DLQ_MAX_PAYLOAD_CONFIG)
        .hasMessageContaining(MqttSourceConnectorConfig.MAX_REQUEST_SIZE_CONFIG);
  }
}
