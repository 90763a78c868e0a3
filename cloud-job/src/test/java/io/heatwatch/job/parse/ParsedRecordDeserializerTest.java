package io.heatwatch.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsedRecordDeserializerTest {
  private static final String READING =
      """
      {"v":1,"site":"home","deviceId":"pi-kitchen","sensorId":"28-0316a2796aff","seq":18234,
       "ts":"2026-11-24T10:15:30.125Z","tempC":21.4375,"quality":"OK","bootId":"6f1c"}""";

  @Test
  void readsOneReading() {
    List<ParsedRecord> out = parse(ParsedRecordDeserializer.v1(), READING);

    assertThat(out).hasSize(1);
    Reading reading = out.get(0).reading();
    assertThat(reading.id()).isEqualTo("pi-kitchen:18234");
    assertThat(reading.tempC()).isEqualTo(21.4375);
    assertThat(reading.ts()).isEqualTo(Instant.parse("2026-11-24T10:15:30.125Z"));
    assertThat(out.get(0).eventTimeMillis()).isEqualTo(reading.ts().toEpochMilli());
  }

  @Test
  void readsEveryReadingOfABatch() {
    String second = READING.replace("18234", "18235").replace("21.4375", "21.5");
    List<ParsedRecord> out =
        parse(ParsedRecordDeserializer.v1(), "[" + READING + "," + second + "]");

    assertThat(out).extracting(r -> r.reading().seq()).containsExactly(18234L, 18235L);
  }

  @Test
  void readsFaultyReadingsToo() {
    String crc =
        READING.replace("\"tempC\":21.4375", "\"tempC\":null").replace("\"OK\"", "\"CRC_ERROR\"");
    Reading reading = parse(ParsedRecordDeserializer.v1(), crc).get(0).reading();

    assertThat(reading.quality()).isEqualTo(Quality.CRC_ERROR);
    assertThat(reading.tempC()).isNull();
  }

  @Test
  void readsLegacyRecordsInTheConfiguredZone() {
    String legacy =
        "{\"createTime\":\"2020-08-12 06:29:02\",\"orderId\":1597213797,\"tempAmount\":29.159}";

    Reading utc = parse(ParsedRecordDeserializer.legacy(ZoneId.of("UTC")), legacy).get(0).reading();
    Reading berlin =
        parse(ParsedRecordDeserializer.legacy(ZoneId.of("Europe/Berlin")), legacy).get(0).reading();

    assertThat(utc.id()).isEqualTo("legacy:1597213797");
    assertThat(utc.ts()).isEqualTo(Instant.parse("2020-08-12T06:29:02Z"));
    assertThat(utc.tempC()).isEqualTo(29.159);
    assertThat(berlin.ts()).isEqualTo(Instant.parse("2020-08-12T04:29:02Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not JSON             | {"v":1,                                   | not valid JSON
          wrong version        | READING_V2                                | v: unsupported version
          bad field            | READING_WITH_UPPERCASE_SITE               | site: must match
          batch element        | [READING,{"v":1}]                         | [1].seq: is required
          empty batch          | []                                        | a batch must hold at least one reading
          OK without a value   | READING_WITHOUT_TEMP                      | tempC: is required when quality is OK
          trailing garbage     | READING garbage                           | not valid JSON
          """)
  void rejectsInvalidReadingsWithTheReason(String kind, String payload, String reason) {
    String json =
        payload
            .replace("READING_WITH_UPPERCASE_SITE", READING.replace("\"home\"", "\"Home\""))
            .replace("READING_V2", READING.replace("\"v\":1", "\"v\":2"))
            .replace("READING_WITHOUT_TEMP", READING.replace("\"tempC\":21.4375,", ""))
            .replace("READING", READING);

    InvalidRecord invalid =
        rejected(ParsedRecordDeserializer.v1(), json.getBytes(StandardCharsets.UTF_8));

    assertThat(invalid.reason()).contains(reason);
    assertThat(invalid.payload()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    assertThat(invalid.topic()).isEqualTo(KafkaTopics.READINGS);
    assertThat(invalid.partition()).isEqualTo(2);
    assertThat(invalid.offset()).isEqualTo(42);
  }

  @Test
  void rejectsATombstoneAsEmpty() {
    InvalidRecord invalid = rejected(ParsedRecordDeserializer.v1(), null);

    assertThat(invalid.reason()).contains("empty payload");
    assertThat(invalid.payload()).isEmpty();
  }

  @Test
  void rejectsAPayloadLargerThanTheContractAllows() {
    byte[] huge = new byte[TelemetryCodec.MAX_PAYLOAD_BYTES + 1];

    assertThat(rejected(ParsedRecordDeserializer.v1(), huge).reason()).contains("larger than");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          malformed createTime | {"createTime":"2020-08-12T06:29:02","orderId":1,"tempAmount":20.0} | createTime: expected yyyy-MM-dd HH:mm:ss
          impossible date      | {"createTime":"2020-02-30 06:29:02","orderId":1,"tempAmount":20.0} | createTime
          negative orderId     | {"createTime":"2020-08-12 06:29:02","orderId":-1,"tempAmount":20.0} | orderId: must be >= 0
          missing temperature  | {"createTime":"2020-08-12 06:29:02","orderId":1}                    | tempAmount: is required
          a v1 reading         | READING                                                             | createTime: is required
          """)
  void rejectsInvalidLegacyRecordsWithTheReason(String kind, String payload, String reason) {
    byte[] bytes = payload.replace("READING", READING).getBytes(StandardCharsets.UTF_8);

    InvalidRecord invalid = rejected(ParsedRecordDeserializer.legacy(ZoneId.of("UTC")), bytes);

    assertThat(invalid.reason()).contains(reason);
  }

  @Test
  void producesAFlinkPojoTypeSoRecordsNeverFallBackToKryo() {
    assertThat(ParsedRecordDeserializer.v1().getProducedType()).isInstanceOf(PojoTypeInfo.class);
  }

  private static List<ParsedRecord> parse(ParsedRecordDeserializer deserializer, String json) {
    List<ParsedRecord> out = new ArrayList<>();
    deserializer.deserialize(
        record(json.getBytes(StandardCharsets.UTF_8)), new ListCollector<>(out));
    assertThat(out).allMatch(ParsedRecord::isValid);
    return out;
  }

  private static InvalidRecord rejected(ParsedRecordDeserializer deserializer, byte[] payload) {
    List<ParsedRecord> out = new ArrayList<>();
    deserializer.deserialize(record(payload), new ListCollector<>(out));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).isValid()).isFalse();
    assertThat(out.get(0).eventTimeMillis()).isEqualTo(ParsedRecord.NO_TIMESTAMP);
    return out.get(0).invalid();
  }

  private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
    return new ConsumerRecord<>(
        KafkaTopics.READINGS, 2, 42, "pi-kitchen".getBytes(StandardCharsets.UTF_8), value);
  }
}
