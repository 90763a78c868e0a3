package io.heatwatch.job.parse;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.LegacyCodec;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record into readings (a v1 batch gives several) or into one invalid record with
 * the reason; it never throws, so a poison record cannot stop the source.
 */
public final class ParsedRecordDeserializer
    implements KafkaRecordDeserializationSchema<ParsedRecord> {
  private static final long serialVersionUID = 1L;

  private final ZoneId legacyZone;

  private ParsedRecordDeserializer(ZoneId legacyZone) {
    this.legacyZone = legacyZone;
  }

  /** For {@code heatwatch.readings}: contract v1 readings, one object or a batch array. */
  public static ParsedRecordDeserializer v1() {
    return new ParsedRecordDeserializer(null);
  }

  /**
   * For {@code temperature_msg}: the prototype's records, whose local times are in {@code zone}.
   */
  public static ParsedRecordDeserializer legacy(ZoneId zone) {
    return new ParsedRecordDeserializer(zone);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
    List<Reading> readings;
    try {
      readings = decode(record.value());
    } catch (InvalidPayloadException e) {
      out.collect(rejected(record, e.getMessage()));
      return;
    } catch (RuntimeException e) {
      // A codec bug must not stop the job either; the record keeps its place in the dead letters.
      out.collect(rejected(record, "cannot decode: " + e));
      return;
    }
    for (Reading reading : readings) {
      out.collect(ParsedRecord.of(reading));
    }
  }

  @Override
  public TypeInformation<ParsedRecord> getProducedType() {
    return TypeInformation.of(ParsedRecord.class);
  }

  private List<Reading> decode(byte[] payload) {
    return legacyZone == null
        ? TelemetryCodec.decodeReadings(payload)
        : List.of(LegacyCodec.decode(payload, legacyZone));
  }

  private static ParsedRecord rejected(ConsumerRecord<byte[], byte[]> record, String reason) {
    return ParsedRecord.rejected(
        new InvalidRecord(
            record.topic(), record.partition(), record.offset(), reason, record.value()));
  }
}
