package io.heatwatch.job.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Kafka record the job could not read as readings, with where it came from and why.
 *
 * @param topic the Kafka topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param reason why it was rejected, naming the field and value where there is one
 * @param payload the record value as received, empty for a tombstone
 */
public record InvalidRecord(
    String topic, int partition, long offset, String reason, byte[] payload) {

  public InvalidRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(reason, "reason");
    payload = payload == null ? new byte[0] : payload;
  }

  // A record compares arrays by identity; an invalid record is a value, payload included.
  @Override
  public boolean equals(Object other) {
    return other instanceof InvalidRecord that
        && topic.equals(that.topic)
        && partition == that.partition
        && offset == that.offset
        && reason.equals(that.reason)
        && Arrays.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset, reason) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "InvalidRecord[" + address() + " " + reason + ", " + payload.length + " bytes]";
  }

  /** {@code topic/partition@offset}, the record's address for logs. */
  public String address() {
    return topic + "/" + partition + "@" + offset;
  }
}
