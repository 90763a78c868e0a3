package io.heatwatch.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.model.KafkaTopics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
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

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
