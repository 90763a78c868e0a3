package io.heatwatch.job.detect;

import static io.heatwatch.job.detect.ProfileSeries.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * EXPOSURE: 2 h beyond HIGH (35 °C) within 2 days, one reading every 5 min; the series starts at
 * 10:00 UTC, so day 0 ends at minute 840 and day 1 at minute 2280.
 */
class ExposureTest {
  private static final Thresholds LIMIT =
      Thresholds.DEFAULTS.toBuilder()
          .exposureMaxMs(Duration.ofHours(2).toMillis())
          .exposureWindowMs(Duration.ofDays(2).toMillis())
          .detectors(
              EnumSet.of(AlarmKind.HIGH, AlarmKind.LOW, AlarmKind.SENSOR_FAULT, AlarmKind.EXPOSURE))
          .build();

  private final ProfileSeries s = new ProfileSeries(LIMIT, 300);

  @Test
  void opensWhenTheTimeBeyondReachesTheLimitAndClearsWhenItsDayLeavesTheWindow() {
    s.steady(60, 20).steady(70, 40).steady(840 - 130 + 60, 20);
    assertThat(s.of(AlarmKind.EXPOSURE)).isEmpty();
    s.steady(70, 40);
    // 70 min on day 0, and the 120th minute 50 min into day 1's excursion (minute 900 + 50).
    Alarm opened = s.opened(AlarmKind.EXPOSURE).get(0);
    assertThat(minutes(opened.openedAt())).isCloseTo(950, within(5.0));
    assertThat(opened.value()).isCloseTo(2.0, within(0.01));
    s.steady(2280 - 970 + 30, 20);
    // Day 0 leaves the 2-day window at minute 2280: 70 min are left, under the limit.
    assertThat(s.of(AlarmKind.EXPOSURE))
        .extracting(Alarm::state)
        .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
    assertThat(minutes(s.of(AlarmKind.EXPOSURE).get(1).updatedAt())).isCloseTo(2280, within(5.0));
  }

  @Test
  void aGapInTheDataCountsAtMostThreeReadings() {
    s.steady(60, 20).steady(30, 40).skip(180).steady(30, 40).steady(60, 20);
    // 30 min beyond; the first reading after the 3 h gap stands for 3 intervals (15 min), not
    // 185 min; then 5 more readings (25 min).
    assertThat(s.state.exposureTotalMs).isEqualTo(Duration.ofMinutes(70).toMillis());
    assertThat(s.of(AlarmKind.EXPOSURE)).isEmpty();
  }

  @Test
  void aProfileThatDoesNotCheckExposureKeepsNoExposureEvenForAnExcursionThatIsNoDefrost() {
    Thresholds noExposure =
        SensorProfile.FREEZER.thresholds(Thresholds.DEFAULTS).toBuilder()
            .detectors(EnumSet.of(AlarmKind.HIGH, AlarmKind.LOW))
            .build();
    ProfileSeries freezer = new ProfileSeries(noExposure, 60);
    freezer.steady(60, -18).steady(60, -10).steady(60, -18);
    assertThat(freezer.opened(AlarmKind.HIGH)).hasSize(1);
    assertThat(freezer.state.exposureMs).isNull();
  }

  @Test
  void resolvingTheAlarmForgetsTheExposureCounted() {
    s.steady(60, 20).steady(125, 40).steady(60, 20);
    Alarm open = s.opened(AlarmKind.EXPOSURE).get(0);
    Alarm resolved = s.command(AlarmCommand.Action.RESOLVE, open);
    assertThat(resolved.state()).isEqualTo(AlarmState.CLEARED);
    s.steady(10, 40).steady(60, 20);
    assertThat(s.opened(AlarmKind.EXPOSURE)).hasSize(1);
    assertThat(s.state.exposureTotalMs).isEqualTo(Duration.ofMinutes(10).toMillis());
  }

  @Test
  void aToleratedDefrostIsNoExposureButAnExcursionThatIsNoDefrostCountsFromItsStart() {
    ProfileSeries freezer = new ProfileSeries(SensorProfile.FREEZER, 60);
    freezer.steady(60, -18).steady(20, -10).steady(60, -18);
    assertThat(freezer.state.exposureMs).isNull();
    freezer.steady(60, -10).steady(60, -18);
    // Past the 45 min a defrost may last: all 60 min count, the first 45 held back until then.
    assertThat(freezer.state.exposureTotalMs).isEqualTo(Duration.ofMinutes(60).toMillis());
  }
}
