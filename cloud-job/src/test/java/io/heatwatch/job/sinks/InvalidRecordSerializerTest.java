package io.heatwatch.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.model.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class InvalidRecordSerializerTest {

  @Test
  void writesThePayloadUnchangedWithWhereAndWhyInHeaders() {
    byte[] payload = "{not json".getBytes(StandardCharsets.UTF_8);
    InvalidRecord invalid =
        new InvalidRecord(KafkaTopics.LEGACY, 1, 99, "$: not valid JSON (got ...)", payload);

    ProducerRecord<byte[], byte[]> record =
        new InvalidRecordSerializer(KafkaTopics.READINGS_INVALID)
            .serialize(invalid, null, Long.MIN_VALUE);

    assertThat(record.topic()).isEqualTo(KafkaTopics.READINGS_INVALID);
    assertThat(record.value()).isEqualTo(payload);
    assertThat(record.timestamp()).isNull();
    assertThat(header(record, InvalidRecordSerializer.REASON_HEADER))
        .isEqualTo("$: not valid JSON (got ...)");
    assertThat(header(record, InvalidRecordSerializer.TOPIC_HEADER)).isEqualTo(KafkaTopics.LEGACY);
    assertThat(header(record, InvalidRecordSerializer.PARTITION_HEADER)).isEqualTo("1");
    assertThat(header(record, InvalidRecordSerializer.OFFSET_HEADER)).isEqualTo("99");
  }

  @Test
  void aLargePayloadIsCutWithItsSizeAndHashSoTheRecordFitsKafkasRequestLimit() throws Exception {
    byte[] payload = new byte[2_600_000];
    new Random(16).nextBytes(payload);
    String reason = "tempC: " + "9".repeat(100_000);
    InvalidRecord invalid = new InvalidRecord(KafkaTopics.READINGS, 0, 7, reason, payload);

    ProducerRecord<byte[], byte[]> record =
        new InvalidRecordSerializer(KafkaTopics.READINGS_INVALID)
            .serialize(invalid, null, Long.MIN_VALUE);

    assertThat(record.value()).isEqualTo(Arrays.copyOf(payload, 64 * 1024));
    assertThat(header(record, InvalidRecordSerializer.SIZE_HEADER)).isEqualTo("2600000");
    assertThat(header(record, InvalidRecordSerializer.SHA256_HEADER))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)));
    assertThat(header(record, InvalidRecordSerializer.REASON_HEADER))
        .startsWith("tempC: 999")
        .endsWith("(100007 chars)")
        .hasSizeLessThan(2100);
    assertThat(size(record)).isLessThan(KAFKA_DEFAULT_MAX_REQUEST_SIZE / 10);
  }

  @Test
  void aRefusedDocumentIsBoundedTheSameWay() {
    byte[] document = new byte[1_500_000];
    ProducerRecord<byte[], byte[]> record =
        InvalidRecordSerializer.refusedDocument(
            KafkaTopics.READINGS_INVALID, "heatwatch-readings-2026.12.04", "pi-1:7", "x", document);

    assertThat(record.value()).hasSize(InvalidRecordSerializer.MAX_PAYLOAD_BYTES);
    assertThat(header(record, InvalidRecordSerializer.SIZE_HEADER)).isEqualTo("1500000");
    assertThat(header(record, InvalidRecordSerializer.ID_HEADER)).isEqualTo("pi-1:7");
  }

  private static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

  private static int size(ProducerRecord<byte[], byte[]> record) {
    int size = record.value().length;
    for (Header header : record.headers()) {
      size += header.key().length() + header.value().length;
    }
    return size;
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
