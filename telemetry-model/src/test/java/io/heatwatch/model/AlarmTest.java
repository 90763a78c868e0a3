package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmTest {
  private static final Instant OPENED = Instant.parse("2026-11-24T10:15:30.125Z");

  private static Alarm alarm(String id, long version, AlarmState state, Instant clearedAt) {
    return new Alarm(
        1,
        id,
        version,
        "home",
        "pi-kitchen",
        "28-0316a2796aff",
        AlarmKind.HIGH,
        Severity.WARNING,
        state,
        OPENED,
        OPENED,
        clearedAt,
        null,
        null,
        9.0,
        8.0,
        null);
  }

  @Test
  void idForIsDeviceSensorKindAndOpeningMillis() {
    assertThat(Alarm.idFor("pi-kitchen", "28-0316a2796aff", AlarmKind.HIGH, OPENED))
        .isEqualTo("pi-kitchen:28-0316a2796aff:HIGH:1795515330125");
    assertThat(Alarm.idFor("pi-garage", null, AlarmKind.DEVICE_OFFLINE, OPENED))
        .isEqualTo("pi-garage:-:DEVICE_OFFLINE:1795515330125");
  }

  @Test
  void idForIsStableAndTellsAlarmsApart() {
    String id = Alarm.idFor("pi", "s1", AlarmKind.SPIKE, OPENED);

    assertThat(Alarm.idFor("pi", "s1", AlarmKind.SPIKE, Instant.parse("2026-11-24T10:15:30.125Z")))
        .isEqualTo(id);
    assertThat(Alarm.idFor("pi", "s1", AlarmKind.FLATLINE, OPENED)).isNotEqualTo(id);
    assertThat(Alarm.idFor("pi", "s2", AlarmKind.SPIKE, OPENED)).isNotEqualTo(id);
    assertThat(Alarm.idFor("pi", "s1", AlarmKind.SPIKE, OPENED.plusMillis(1))).isNotEqualTo(id);
  }

  @Test
  void idForFitsTheAlarmIdLimit() {
    String longest =
        Alarm.idFor(
            "d".repeat(63),
            "S".repeat(64),
            AlarmKind.RATE_OF_CHANGE,
            Instant.parse("9999-12-31T23:59:59.999Z"));

    assertThat(alarm(longest, 1, AlarmState.OPEN, null).alarmId()).hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void clearedNeedsClearedAt() {
    InvalidPayloadException e = Rejection.of(() -> alarm("a", 3, AlarmState.CLEARED, null));

    assertThat(e.field()).isEqualTo("clearedAt");
    assertThat(alarm("a", 3, AlarmState.CLEARED, OPENED.plusSeconds(60)).clearedAt()).isNotNull();
  }

  @Test
  void versionStartsAtOne() {
    assertThat(Rejection.of(() -> alarm("a", 0, AlarmState.OPEN, null)).field())
        .isEqualTo("version");
  }

  @Test
  void alarmIdMustNotBeEmptyOrTooLong() {
    assertThat(Rejection.of(() -> alarm("", 1, AlarmState.OPEN, null)).field())
        .isEqualTo("alarmId");
    assertThat(Rejection.of(() -> alarm(null, 1, AlarmState.OPEN, null)).field())
        .isEqualTo("alarmId");
    assertThat(Rejection.of(() -> alarm("a".repeat(201), 1, AlarmState.OPEN, null)).field())
        .isEqualTo("alarmId");
  }

  @Test
  void operatorTextIsBounded() {
    InvalidPayloadException ackedBy =
        Rejection.of(
            () ->
                new Alarm(
                    1,
                    "a",
                    2,
                    "home",
                    "pi",
                    "s1",
                    AlarmKind.LOW,
                    Severity.WARNING,
                    AlarmState.ACKNOWLEDGED,
                    OPENED,
                    OPENED,
                    null,
                    "m".repeat(201),
                    null,
                    null,
                    null,
                    null));
    InvalidPayloadException comment =
        Rejection.of(
            () ->
                new Alarm(
                    1,
                    "a",
                    2,
                    "home",
                    "pi",
                    "s1",
                    AlarmKind.LOW,
                    Severity.WARNING,
                    AlarmState.ACKNOWLEDGED,
                    OPENED,
                    OPENED,
                    null,
                    "maria",
                    "c".repeat(501),
                    null,
                    null,
                    null));

    assertThat(ackedBy.field()).isEqualTo("ackedBy");
    assertThat(comment.field()).isEqualTo("ackComment");
  }

  @Test
  void valuesMustBeFinite() {
    InvalidPayloadException e =
        Rejection.of(
            () ->
                new Alarm(
                    1,
                    "a",
                    1,
                    "home",
                    "pi",
                    "s1",
                    AlarmKind.SPIKE,
                    Severity.WARNING,
                    AlarmState.OPEN,
                    OPENED,
                    OPENED,
                    null,
                    null,
                    null,
                    Double.NaN,
                    null,
                    null));

    assertThat(e.field()).isEqualTo("value");
  }
}
