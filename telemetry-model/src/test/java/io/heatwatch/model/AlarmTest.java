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
    return Alarm.builder()
        .v(1)
        .alarmId(id)
        .version(version)
        .site("home")
        .deviceId("pi-kitchen")
        .sensorId("28-0316a2796aff")
        .kind(AlarmKind.HIGH)
        .severity(Severity.WARNING)
        .state(state)
        .openedAt(OPENED)
        .updatedAt(OPENED)
        .clearedAt(clearedAt)
        .value(9.0)
        .threshold(8.0)
        .build();
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
                Alarm.builder()
                    .v(1)
                    .alarmId("a")
                    .version(2)
                    .site("home")
                    .deviceId("pi")
                    .sensorId("s1")
                    .kind(AlarmKind.LOW)
                    .severity(Severity.WARNING)
                    .state(AlarmState.ACKNOWLEDGED)
                    .openedAt(OPENED)
                    .updatedAt(OPENED)
                    .ackedBy("m".repeat(201))
                    .build());
    InvalidPayloadException comment =
        Rejection.of(
            () ->
                Alarm.builder()
                    .v(1)
                    .alarmId("a")
                    .version(2)
                    .site("home")
                    .deviceId("pi")
                    .sensorId("s1")
                    .kind(AlarmKind.LOW)
                    .severity(Severity.WARNING)
                    .state(AlarmState.ACKNOWLEDGED)
                    .openedAt(OPENED)
                    .updatedAt(OPENED)
                    .ackedBy("maria")
                    .ackComment("c".repeat(501))
                    .build());

    assertThat(ackedBy.field()).isEqualTo("ackedBy");
    assertThat(comment.field()).isEqualTo("ackComment");
  }

  @Test
  void valuesMustBeFinite() {
    InvalidPayloadException e =
        Rejection.of(
            () ->
                Alarm.builder()
                    .v(1)
                    .alarmId("a")
                    .version(1)
                    .site("home")
                    .deviceId("pi")
                    .sensorId("s1")
                    .kind(AlarmKind.SPIKE)
                    .severity(Severity.WARNING)
                    .state(AlarmState.OPEN)
                    .openedAt(OPENED)
                    .updatedAt(OPENED)
                    .value(Double.NaN)
                    .build());

    assertThat(e.field()).isEqualTo("value");
  }
}
