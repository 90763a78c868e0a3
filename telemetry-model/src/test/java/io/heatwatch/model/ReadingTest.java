package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadingTest {
  private static final Instant TS = Instant.parse("2026-11-24T10:15:30.125Z");

  private static Reading with(Double tempC, Quality quality) {
    return new Reading(1, "home", "pi-kitchen", "28-0316a2796aff", 1, TS, tempC, quality, null);
  }

  @Test
  void idIsDeviceAndSeq() {
    assertThat(Reading.ok("home", "pi-kitchen", "28-0316a2796aff", 18234, TS, 21.4375).id())
        .isEqualTo("pi-kitchen:18234");
    assertThat(Reading.ok("lab", "pi-kitchen", "other-sensor", 18234, TS.plusSeconds(5), 1.0).id())
        .as("the same reading id whatever the sensor, site or time")
        .isEqualTo("pi-kitchen:18234");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-55.0, 0.0, 85.0, 125.0})
  void okTemperaturesWithinTheSensorRange(double tempC) {
    assertThat(with(tempC, Quality.OK).tempC()).isEqualTo(tempC);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-55.0625, 125.0625, 1000.0})
  void okTemperatureOutsideTheRangeIsRejected(double tempC) {
    InvalidPayloadException e = Rejection.of(() -> with(tempC, Quality.OK));

    assertThat(e.field()).isEqualTo("tempC");
    assertThat(e.getMessage()).contains(String.valueOf(tempC)).contains("-55.0..125.0");
  }

  @Test
  void okWithoutTemperatureIsRejected() {
    assertThat(Rejection.of(() -> with(null, Quality.OK)).field()).isEqualTo("tempC");
  }

  @ParameterizedTest
  @EnumSource(value = Quality.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
  void faultyQualitiesTakeAnyFiniteTemperatureOrNone(Quality quality) {
    assertThat(with(null, quality).tempC()).isNull();
    assertThat(with(-273.0, quality).tempC()).isEqualTo(-273.0);
    assertThat(quality.usable()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteTemperatureIsRejectedWhateverTheQuality(double tempC) {
    assertThat(Rejection.of(() -> with(tempC, Quality.STALE)).field()).isEqualTo("tempC");
  }

  @Test
  void fieldChecksNameTheField() {
    assertThat(
            Rejection.of(() -> new Reading(2, "home", "pi", "s", 1, TS, 1.0, Quality.OK, null))
                .field())
        .isEqualTo("v");
    assertThat(
            Rejection.of(() -> new Reading(1, null, "pi", "s", 1, TS, 1.0, Quality.OK, null))
                .field())
        .isEqualTo("site");
    assertThat(
            Rejection.of(() -> new Reading(1, "home", "pi", "-s", 1, TS, 1.0, Quality.OK, null))
                .field())
        .isEqualTo("sensorId");
    assertThat(
            Rejection.of(() -> new Reading(1, "home", "pi", "s", -1, TS, 1.0, Quality.OK, null))
                .field())
        .isEqualTo("seq");
    assertThat(
            Rejection.of(() -> new Reading(1, "home", "pi", "s", 1, null, 1.0, Quality.OK, null))
                .field())
        .isEqualTo("ts");
    assertThat(
            Rejection.of(() -> new Reading(1, "home", "pi", "s", 1, TS, 1.0, null, null)).field())
        .isEqualTo("quality");
  }

  @Test
  void bootIdLengthCountsCharactersNotUtf16Units() {
    String smile = "\uD83D\uDE00";

    assertThat(with(1.0, Quality.OK).withBootId(smile.repeat(64)).bootId()).hasSize(128);
    assertThat(Rejection.of(() -> with(1.0, Quality.OK).withBootId(smile.repeat(65))).field())
        .isEqualTo("bootId");
    assertThat(Rejection.of(() -> with(1.0, Quality.OK).withBootId("b".repeat(65))).field())
        .isEqualTo("bootId");
  }

  @Test
  void onlyOkIsUsable() {
    assertThat(Quality.OK.usable()).isTrue();
  }
}
