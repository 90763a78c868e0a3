package io.heatwatch.job.detect;

import static io.heatwatch.job.detect.ProfileSeries.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Defrost tolerance of a FREEZER (HIGH -15 °C, alarm delay 15 min, defrost ceiling -3 °C for at
 * most 45 min), one reading a minute.
 */
class DefrostTest {
  private final ProfileSeries s = new ProfileSeries(SensorProfile.FREEZER, 60);

  /** A defrost: 15 min up to {@code peak}, 10 min back down to -18 °C. */
  private ProfileSeries defrost(double peak) {
    return s.during(15, 0.03, m -> -18 + (peak + 18) * m / 15)
        .during(10, 0.03, m -> peak - (peak + 18) * m / 10);
  }

  @Test
  void aDefrostUnderTheCeilingThatEndsInTimeRaisesNothing() {
    s.steady(120, -18);
    for (int i = 0; i < 4; i++) {
      defrost(-6).steady(6 * 60 - 25, -18);
    }
    assertThat(s.alarms).isEmpty();
    assertThat(s.state.exposureMs).isNull();
  }

  @Test
  void aDefrostOverTheCeilingAlarmsWithTheNormalDelayFromTheExcursionStart() {
    s.steady(120, -18);
    defrost(0).steady(60, -18);
    // Above HIGH from minute 122.5 to about 143; over the ceiling from minute 132.5.
    Alarm high = s.opened(AlarmKind.HIGH).get(0);
    assertThat(minutes(high.openedAt())).isCloseTo(123, within(1.0));
    assertThat(minutes(high.updatedAt()) - minutes(high.openedAt())).isCloseTo(15, within(1.0));
  }

  @Test
  void anExcursionThatDoesNotRecoverInTimeAlarmsAtTheDefrostLimit() {
    s.steady(120, -18).during(10, 0.03, m -> -18 + 8 * m / 10).steady(90, -10);
    Alarm high = s.opened(AlarmKind.HIGH).get(0);
    assertThat(minutes(high.updatedAt()) - minutes(high.openedAt())).isCloseTo(45, within(1.0));
    assertThat(s.opened(AlarmKind.TREND)).isEmpty();
  }

  @Test
  void onceTheScheduleIsLearnedAnExcursionOffScheduleGetsTheNormalDelay() {
    s.steady(120, -18);
    for (int i = 0; i < 4; i++) {
      defrost(-6).steady(6 * 60 - 25, -18);
    }
    assertThat(s.state.defrostPeriodMs).isCloseTo(Duration.ofHours(6).toMillis(), within(60_000L));
    // Three hours off the schedule: no defrost, so HIGH after its 15 min.
    s.steady(3 * 60, -18);
    defrost(-6).steady(60, -18);
    assertThat(s.opened(AlarmKind.HIGH)).hasSize(1);
    // Back on the schedule: tolerated again.
    s.steady(95, -18);
    int before = s.alarms.size();
    defrost(-6).steady(60, -18);
    assertThat(s.opened(AlarmKind.HIGH)).hasSize(1);
    assertThat(s.alarms.subList(before, s.alarms.size()))
        .allMatch(a -> a.kind() == AlarmKind.HIGH && a.state() != Alarm.AlarmState.OPEN);
  }

  @Test
  void aFixedPeriodTakesItsPhaseFromTheFirstDefrost() {
    s.thresholds =
        SensorProfile.FREEZER.thresholds(Thresholds.DEFAULTS).toBuilder()
            .defrostEveryMs(Duration.ofHours(8).toMillis())
            .build();
    s.steady(120, -18);
    defrost(-6).steady(8 * 60 - 25, -18);
    defrost(-6).steady(4 * 60 - 25, -18);
    assertThat(s.alarms).isEmpty();
    defrost(-6).steady(60, -18);
    assertThat(s.opened(AlarmKind.HIGH)).hasSize(1);
  }
}
