package io.heatwatch.job.sinks;

import io.heatwatch.job.model.InvalidRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a rejected record's payload unchanged to the invalid-records topic, with where it came
 * from and why in headers.
 */
public final class InvalidRecordSerializer
    implements KafkaRecordSerializationSchema<InvalidRecord> {
  private static final long serialVersionUID = 1L;

  /** Header: why the job rejected the record. */
  public static final String REASON_HEADER = "heatwatch.invalid.reason";

  /** Header: the topic the record was read from. */
  public static final String TOPIC_HEADER = "heatwatch.source.topic";

  /** Header: its partition. */
  public static final String PARTITION_HEADER = "heatwatch.source.partition";

  /** Header: its offset. */
  public static final String OFFSET_HEADER = "heatwatch.source.offset";

  /** Header: the Elasticsearch index that refused a document. */
  public static final String INDEX_HEADER = "heatwatch.elasticsearch.index";

  /** Header: the refused document's {@code _id}. */
  public static final String ID_HEADER = "heatwatch.elasticsearch.id";

  private final String topic;

  /** A serializer that writes to {@code topic}. */
  public InvalidRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      InvalidRecord invalid, KafkaSinkContext context, Long timestamp) {
    // No timestamp: an invalid record has no event time (its element timestamp is Long.MIN_VALUE,
    // which the producer would reject), so Kafka stamps the time it is written.
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, null, null, null, invalid.payload());
    record.headers().add(REASON_HEADER, utf8(invalid.reason()));
    record.headers().add(TOPIC_HEADER, utf8(invalid.topic()));
    record.headers().add(PARTITION_HEADER, utf8(String.valueOf(invalid.partition())));
    record.headers().add(OFFSET_HEADER, utf8(String.valueOf(invalid.offset())));
    return record;
  }

  /**
   * A document Elasticsearch refused, for the same topic: the document as sent, why it was refused
   * and where it was to go in headers.
   */
  static ProducerRecord<byte[], byte[]> refusedDocument(
      String topic, String index, String id, String reason, byte[] document) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null, null, document);
    record.headers().add(REASON_HEADER, utf8(reason));
    record.headers().add(INDEX_HEADER, utf8(index));
    if (id != null) {
      record.headers().add(ID_HEADER, utf8(id));
    }
    return record;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
