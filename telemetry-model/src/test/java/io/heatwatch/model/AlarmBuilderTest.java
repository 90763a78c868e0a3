package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmBuilderTest {
  private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void aNewAlarmIsVersionOneOfContractOneAndOpen() {
    Alarm a = open();
    assertThat(a.v()).isEqualTo(Versions.V1);
    assertThat(a.version()).isEqualTo(1);
    assertThat(a.state()).isEqualTo(AlarmState.OPEN);
  }

  @Test
  void toBuilderKeepsEveryFieldAndChangesOnlyWhatItIsTold() {
    Alarm a = open();
    assertThat(a.toBuilder().build()).isEqualTo(a);
    Alarm cleared =
        a.toBuilder()
            .version(2)
            .state(AlarmState.CLEARED)
            .updatedAt(AT.plusSeconds(60))
            .clearedAt(AT.plusSeconds(60))
            .build();
    assertThat(cleared)
        .usingRecursiveComparison()
        .ignoringFields("version", "state", "updatedAt", "clearedAt")
        .isEqualTo(a);
    assertThat(cleared.version()).isEqualTo(2);
  }

  @Test
  void buildValidatesLikeTheConstructor() {
    assertThatThrownBy(() -> open().toBuilder().state(AlarmState.CLEARED).build())
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("clearedAt");
  }

  private static Alarm open() {
    return Alarm.builder()
        .alarmId(Alarm.idFor("pi", "t1", AlarmKind.HIGH, AT))
        .site("home")
        .deviceId("pi")
        .sensorId("t1")
        .kind(AlarmKind.HIGH)
        .severity(Severity.WARNING)
        .openedAt(AT)
        .updatedAt(AT)
        .value(40.0)
        .threshold(35.0)
        .message("t1 40.0 °C above 35.0 °C")
        .build();
  }
}
