package io.heatwatch.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryCodecTest {
  private static final Instant TS = Instant.parse("2026-11-24T10:15:30.125Z");

  private static Reading reading(long seq) {
    return Reading.ok("home", "pi-kitchen", "28-0316a2796aff", seq, TS, 21.4375);
  }

  private static byte[] utf8(String json) {
    return json.getBytes(UTF_8);
  }

  @Test
  void unknownFieldsAreIgnoredSoV1CanGrow() {
    String json =
        TelemetryCodec.encodeToString(reading(1))
            .replace("{", "{\"humidity\":41.5,\"extra\":{\"nested\":[1,2]},");

    assertThat(TelemetryCodec.decodeReading(utf8(json))).isEqualTo(reading(1));
  }

  @Test
  void otherVersionsAreRejectedWithAClearError() {
    String v2 = TelemetryCodec.encodeToString(reading(1)).replace("\"v\":1", "\"v\":2");

    InvalidPayloadException e = Rejection.of(() -> TelemetryCodec.decodeReading(utf8(v2)));

    assertThat(e.field()).isEqualTo("v");
    assertThat(e.value()).isEqualTo("2");
    assertThat(e.getMessage()).isEqualTo("v: unsupported version, this build reads v1 (got 2)");
  }

  @Test
  void rejectedStringsAreQuotedOnceAndNumbersNotAtAll() {
    String json = TelemetryCodec.encodeToString(reading(1));

    InvalidPayloadException string =
        Rejection.of(
            () -> TelemetryCodec.decodeReading(utf8(json.replace("\"seq\":1", "\"seq\":\"1\""))));
    InvalidPayloadException fraction =
        Rejection.of(
            () -> TelemetryCodec.decodeReading(utf8(json.replace("\"seq\":1", "\"seq\":1.5"))));

    assertThat(string.value()).isEqualTo("\"1\"");
    assertThat(fraction.value()).isEqualTo("1.5");
  }

  @Test
  void trailingContentIsNotIgnored() {
    String two =
        TelemetryCodec.encodeToString(reading(1)) + TelemetryCodec.encodeToString(reading(2));

    InvalidPayloadException e = Rejection.of(() -> TelemetryCodec.decodeReadings(utf8(two)));

    assertThat(e.field()).isEqualTo("$");
    assertThat(e.getMessage()).contains("not valid JSON");
  }

  @Test
  void singleReadingDecoderRejectsABatch() {
    byte[] batch = TelemetryCodec.encode(List.of(reading(1)));

    InvalidPayloadException e = Rejection.of(() -> TelemetryCodec.decodeReading(batch));

    assertThat(e.field()).isEqualTo("$");
    assertThat(e.getMessage()).contains("expected a JSON object");
  }

  @Test
  void batchDecoderTakesASingleReadingToo() {
    assertThat(TelemetryCodec.decodeReadings(TelemetryCodec.encode(reading(7))))
        .containsExactly(reading(7));
  }

  @Test
  void batchErrorNamesTheElementIndexAndKeepsTheCause() {
    String good = TelemetryCodec.encodeToString(reading(1));
    String bad = good.replace("\"site\":\"home\"", "\"site\":\"Home\"");
    byte[] batch = utf8("[" + good + "," + good + "," + bad + "]");

    InvalidPayloadException e = Rejection.of(() -> TelemetryCodec.decodeReadings(batch));

    assertThat(e.field()).isEqualTo("[2].site");
    assertThat(e.value()).isEqualTo("\"Home\"");
    assertThat(e.getMessage()).startsWith("[2].site: must match").endsWith("(got \"Home\")");
    assertThat(e.getCause()).isInstanceOf(InvalidPayloadException.class);
    assertThat(((InvalidPayloadException) e.getCause()).field()).isEqualTo("site");
  }

  @Test
  void batchElementThatIsNoObjectIsNamedByIndexAlone() {
    byte[] batch = utf8("[" + TelemetryCodec.encodeToString(reading(1)) + ",\"x\"]");

    InvalidPayloadException e = Rejection.of(() -> TelemetryCodec.decodeReadings(batch));

    assertThat(e.field()).isEqualTo("[1]");
    assertThat(e.value()).isEqualTo("\"x\"");
  }

  @Test
  void payloadOfExactlyTheLimitIsAccepted() {
    byte[] payload = batchOfAtLeast(TelemetryCodec.MAX_PAYLOAD_BYTES - 1024);
    String padded =
        new String(payload, UTF_8) + " ".repeat(TelemetryCodec.MAX_PAYLOAD_BYTES - payload.length);

    assertThat(utf8(padded)).hasSize(256 * 1024);
    assertThat(TelemetryCodec.decodeReadings(utf8(padded))).isNotEmpty();
  }

  @Test
  void oversizedPayloadIsRejectedBeforeParsing() {
    byte[] payload = batchOfAtLeast(TelemetryCodec.MAX_PAYLOAD_BYTES + 1);

    InvalidPayloadException e = Rejection.of(() -> TelemetryCodec.decodeReadings(payload));

    assertThat(e.field()).isEqualTo("$");
    assertThat(e.value()).isEqualTo("\"" + payload.length + " bytes\"");
    assertThat(e.getMessage())
        .contains("larger than 262144 bytes")
        .contains(payload.length + " bytes");
  }

  @Test
  void nestingUpToTheLimitIsAcceptedAndOneMoreIsNot() {
    int arrays = TelemetryCodec.MAX_NESTING_DEPTH - 1;
    String json = TelemetryCodec.encodeToString(reading(1));
    String deepest = json.replace("{", "{\"ext\":" + "[".repeat(arrays) + "]".repeat(arrays) + ",");
    String tooDeep =
        json.replace("{", "{\"ext\":" + "[".repeat(arrays + 1) + "]".repeat(arrays + 1) + ",");

    assertThat(TelemetryCodec.decodeReading(utf8(deepest))).isEqualTo(reading(1));
    InvalidPayloadException e = Rejection.of(() -> TelemetryCodec.decodeReading(utf8(tooDeep)));
    assertThat(e.field()).isEqualTo("$");
    assertThat(e.getMessage()).contains("nesting depth");
  }

  @Test
  void emptyWhitespaceAndNullPayloadsAreRejected() {
    assertThat(Rejection.of(() -> TelemetryCodec.decodeReading(null)).getMessage())
        .contains("empty payload");
    assertThat(Rejection.of(() -> TelemetryCodec.decodeReading(utf8(" \n "))).getMessage())
        .contains("empty payload");
    assertThat(Rejection.of(() -> TelemetryCodec.decodeReading(utf8("null"))).getMessage())
        .contains("expected a JSON object");
  }

  @Test
  void infiniteNumbersAreRejected() {
    String json = TelemetryCodec.encodeToString(reading(1)).replace("21.4375", "1e999");

    InvalidPayloadException e = Rejection.of(() -> TelemetryCodec.decodeReading(utf8(json)));

    assertThat(e.field()).isEqualTo("tempC");
    assertThat(e.getMessage()).contains("finite");
  }

  @Test
  void instantsAreWrittenAsIsoUtcStrings() {
    String json =
        TelemetryCodec.encodeToString(
            Reading.ok("home", "pi", "s1", 1, Instant.parse("2026-11-24T10:15:30Z"), 1.0));

    assertThat(json).contains("\"ts\":\"2026-11-24T10:15:30Z\"");
  }

  @Test
  void offsetsAreReadAsTheSameInstant() {
    String json =
        TelemetryCodec.encodeToString(reading(1))
            .replace("2026-11-24T10:15:30.125Z", "2026-11-24T11:15:30.125+01:00");

    assertThat(TelemetryCodec.decodeReading(utf8(json)).ts()).isEqualTo(TS);
  }

  private static byte[] batchOfAtLeast(int bytes) {
    List<Reading> readings = new ArrayList<>();
    byte[] payload = new byte[0];
    int chunk = 64;
    while (payload.length < bytes) {
      for (int i = 0; i < chunk; i++) {
        readings.add(reading(readings.size()));
      }
      payload = TelemetryCodec.encode(readings);
    }
    while (readings.size() > 1) {
      readings.remove(readings.size() - 1);
      byte[] smaller = TelemetryCodec.encode(readings);
      if (smaller.length < bytes) {
        return payload;
      }
      payload = smaller;
    }
    return payload;
  }
}
