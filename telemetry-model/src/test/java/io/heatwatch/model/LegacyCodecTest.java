package io.heatwatch.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyCodecTest {

  private static byte[] record(String createTime, String orderId, String tempAmount) {
    return ("{\"createTime\":\""
            + createTime
            + "\",\"orderId\":"
            + orderId
            + ",\"tempAmount\":"
            + tempAmount
            + "}")
        .getBytes(UTF_8);
  }

  private static byte[] prototypeRecord() {
    return record("2020-08-12 06:29:02", "1597213797", "29.159");
  }

  @ParameterizedTest
  @CsvSource({"-300", "2048.5", "1e39"})
  void aValueNoSensorCanReportIsRefused(String temp) {
    assertThat(
            Rejection.of(
                    () ->
                        LegacyCodec.decode(
                            record("2020-08-12 06:29:02", "1", temp), ZoneOffset.UTC))
                .field())
        .isEqualTo("tempC");
  }

  @Test
  void utcReadsTheLocalTimeAsUtc() {
    Reading r = LegacyCodec.decode(prototypeRecord(), ZoneOffset.UTC);

    assertThat(r)
        .isEqualTo(
            new Reading(
                1,
                "legacy",
                "legacy",
                "legacy",
                1597213797L,
                Instant.parse("2020-08-12T06:29:02Z"),
                29.159,
                Quality.OK,
                null));
    assertThat(r.id()).isEqualTo("legacy:1597213797");
  }

  @Test
  void zoneShiftsTheInstant() {
    assertThat(LegacyCodec.decode(prototypeRecord(), ZoneId.of("Asia/Shanghai")).ts())
        .isEqualTo(Instant.parse("2020-08-11T22:29:02Z"));
    assertThat(LegacyCodec.decode(prototypeRecord(), ZoneId.of("Europe/Berlin")).ts())
        .isEqualTo(Instant.parse("2020-08-12T04:29:02Z"));
  }

  @ParameterizedTest
  @CsvSource({
    "125.0, OK",
    "-55.0, OK",
    "85.0, OK",
    "125.0625, OUT_OF_RANGE",
    "-55.0625, OUT_OF_RANGE",
    "130, OUT_OF_RANGE",
    "-273.15, OUT_OF_RANGE",
    "2048, OUT_OF_RANGE"
  })
  void qualityFollowsTheSensorRangeAndKeepsTheValue(String temp, Quality expected) {
    Reading r = LegacyCodec.decode(record("2020-08-12 06:29:02", "1", temp), ZoneOffset.UTC);

    assertThat(r.quality()).isEqualTo(expected);
    assertThat(r.tempC()).isEqualTo(Double.parseDouble(temp));
  }

  @Test
  void leapDayOfALeapYearIsAccepted() {
    assertThat(LegacyCodec.decode(record("2020-02-29 23:59:59", "1", "20"), ZoneOffset.UTC).ts())
        .isEqualTo(Instant.parse("2020-02-29T23:59:59Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2021-02-29 06:29:02",
        "2020-02-30 06:29:02",
        "2020-08-12T06:29:02",
        "2020-08-12 06:29",
        "2020-8-12 06:29:02",
        "-2020-08-12 06:29:02",
        "2020-08-12 24:00:00",
        "2020-08-12 06:29:02Z",
        ""
      })
  void createTimeMustBeARealLocalDateTime(String createTime) {
    InvalidPayloadException e =
        Rejection.of(() -> LegacyCodec.decode(record(createTime, "1", "20"), ZoneOffset.UTC));

    assertThat(e.field()).isEqualTo("createTime");
    assertThat(e.getMessage()).contains("\"" + createTime + "\"");
  }

  @Test
  void rejectionsNameTheLegacyFields() {
    assertThat(
            Rejection.of(
                    () ->
                        LegacyCodec.decode(
                            record("2020-08-12 06:29:02", "-1", "20"), ZoneOffset.UTC))
                .field())
        .isEqualTo("orderId");
    assertThat(
            Rejection.of(
                    () ->
                        LegacyCodec.decode(
                            record("2020-08-12 06:29:02", "\"7\"", "20"), ZoneOffset.UTC))
                .field())
        .isEqualTo("orderId");
    assertThat(
            Rejection.of(
                    () ->
                        LegacyCodec.decode(
                            record("2020-08-12 06:29:02", "1", "\"hot\""), ZoneOffset.UTC))
                .field())
        .isEqualTo("tempAmount");
    assertThat(
            Rejection.of(
                    () ->
                        LegacyCodec.decode(
                            record("2020-08-12 06:29:02", "1", "1e999"), ZoneOffset.UTC))
                .field())
        .isEqualTo("tempAmount");
    assertThat(
            Rejection.of(
                    () ->
                        LegacyCodec.decode(
                            "{\"orderId\":1,\"tempAmount\":2}".getBytes(UTF_8), ZoneOffset.UTC))
                .field())
        .isEqualTo("createTime");
  }

  @Test
  void unknownFieldsAreIgnored() {
    byte[] json =
        "{\"createTime\":\"2020-08-12 06:29:02\",\"orderId\":3,\"tempAmount\":20.5,\"shop\":\"x\"}"
            .getBytes(UTF_8);

    assertThat(LegacyCodec.decode(json, ZoneOffset.UTC).seq()).isEqualTo(3L);
  }
}
