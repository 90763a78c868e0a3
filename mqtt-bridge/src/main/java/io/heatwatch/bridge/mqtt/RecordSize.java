package io.heatwatch.bridge.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * A record's size as the producer counts it against {@code max.request.size}: Kafka's own upper
 * bound of a one-record batch of value, key and headers. Headers are serialized as the worker's
 * default {@code SimpleHeaderConverter} does (their text in UTF-8), keys and values are bytes
 * ({@code ByteArrayConverter}).
 */
final class RecordSize {
  private RecordSize() {}

  static int of(byte[] key, byte[] value, Headers headers) {
    List<org.apache.kafka.common.header.Header> serialized = new ArrayList<>();
    for (Header header : headers) {
      String text = Values.convertToString(header.schema(), header.value());
      serialized.add(
          new RecordHeader(
              header.key(), text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
    }
    return AbstractRecords.estimateSizeInBytesUpperBound(
        RecordBatch.CURRENT_MAGIC_VALUE,
        CompressionType.NONE,
        key,
        value,
        serialized.toArray(org.apache.kafka.common.header.Header[]::new));
  }
}
