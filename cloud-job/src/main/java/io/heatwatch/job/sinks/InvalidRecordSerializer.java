package io.heatwatch.job.sinks;

import io.heatwatch.job.model.InvalidRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a rejected record's payload to the invalid-records topic, with where it came from and why
 * in headers.
 *
 * <p>The copy is bounded: at most {@link #MAX_PAYLOAD_BYTES} of the payload, with its original size
 * and SHA-256 in headers, and at most {@link #MAX_REASON_CHARS} of the reason. A record that is
 * rejected because it is large (a 1 MB batch, say) would otherwise come back larger than Kafka's
 * {@code max.request.size} with the headers added, the producer would refuse it and the sink fail
 * the job on the same record after every restore.
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

  /** Header: the original payload's size in bytes (the copy may be cut). */
  public static final String SIZE_HEADER = "heatwatch.payload.size";

  /** Header: the original payload's SHA-256, hex. */
  public static final String SHA256_HEADER = "heatwatch.payload.sha256";

  /** How much of a rejected payload is copied: enough to see what it was. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  /** How much of a reason is copied; reasons quote values, and values can be long. */
  public static final int MAX_REASON_CHARS = 2048;

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
    ProducerRecord<byte[], byte[]> record = bounded(topic, invalid.reason(), invalid.payload());
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
    ProducerRecord<byte[], byte[]> record = bounded(topic, reason, document);
    record.headers().add(INDEX_HEADER, utf8(index));
    if (id != null) {
      record.headers().add(ID_HEADER, utf8(id));
    }
    return record;
  }

  /** The record with at most the bounded payload and reason, and the payload's size and hash. */
  private static ProducerRecord<byte[], byte[]> bounded(
      String topic, String reason, byte[] payload) {
    byte[] copy =
        payload.length <= MAX_PAYLOAD_BYTES ? payload : Arrays.copyOf(payload, MAX_PAYLOAD_BYTES);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null, null, copy);
    String why =
        reason.length() <= MAX_REASON_CHARS
            ? reason
            : reason.substring(0, MAX_REASON_CHARS) + "... (" + reason.length() + " chars)";
    record.headers().add(REASON_HEADER, utf8(why));
    record.headers().add(SIZE_HEADER, utf8(String.valueOf(payload.length)));
    record.headers().add(SHA256_HEADER, utf8(sha256(payload)));
    return record;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
