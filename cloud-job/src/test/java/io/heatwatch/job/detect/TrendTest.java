package io.heatwatch.job.detect;

import static io.heatwatch.job.detect.ProfileSeries.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.SensorProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TREND through {@link SensorDetection}: early on a steady rise, quiet on doors and noise. */
class TrendTest {

  @ParameterizedTest
  @ValueSource(longs = {10, 60, 300, 900})
  void aFailingCompressorsSteadyRiseOpensOneTrendBeforeHigh(long cadenceS) {
    ProfileSeries s = new ProfileSeries(SensorProfile.FRIDGE, cadenceS);
    s.steady(120, 4.5).during(120, 0.03, m -> 4.5 + 4.0 * m / 60);
    // The rise passes HIGH (8 °C) 52.5 min after it began, at minute 172.5.
    assertThat(s.opened(AlarmKind.TREND)).hasSize(1);
    Alarm trend = s.opened(AlarmKind.TREND).get(0);
    assertThat(minutes(trend.openedAt())).isBetween(120.0, 172.5);
    assertThat(trend.message()).contains("HIGH threshold 8.00 °C in about").endsWith("min");
    Alarm high = s.opened(AlarmKind.HIGH).get(0);
    assertThat(minutes(high.updatedAt()) - minutes(trend.openedAt())).isGreaterThanOrEqualTo(15);
    assertThat(s.of(AlarmKind.TREND))
        .last()
        .satisfies(a -> assertThat(a.state()).isEqualTo(AlarmState.CLEARED))
        .satisfies(a -> assertThat(a.message()).contains("beyond the threshold 8.00 °C"));
  }

  @ParameterizedTest
  @ValueSource(longs = {10, 60})
  void aDoorOpeningIsNoTrendAndUnderTheAlarmDelayNoHigh(long cadenceS) {
    ProfileSeries s = new ProfileSeries(SensorProfile.FRIDGE, cadenceS);
    s.steady(60, 4.5);
    for (int door = 0; door < 5; door++) {
      s.during(3, 0.03, m -> 4.5 + 5 * (1 - Math.exp(-m / 0.5)))
          .during(20, 0.03, m -> 4.5 + 5 * Math.exp(-m / 3))
          .steady(40, 4.5);
    }
    assertThat(s.alarms).isEmpty();
  }

  @Test
  void oneHighReadingAtFifteenMinutesIsNoTrend() {
    ProfileSeries s = new ProfileSeries(SensorProfile.FRIDGE, 900);
    s.steady(120, 4.5).read(6.5).steady(120, 4.5).read(7.0).read(4.5).steady(60, 4.5);
    assertThat(s.alarms).isEmpty();
  }

  @Test
  void aLevelComingBackAfterAnExcursionIsNoTrendTowardsLow() {
    ProfileSeries s = new ProfileSeries(SensorProfile.FRIDGE, 60);
    s.steady(60, 4.5)
        .during(60, 0.03, m -> 4.5 + 6 * m / 60)
        .steady(60, 10.5)
        .during(90, 0.03, m -> 4.5 + 6 * Math.exp(-m / 20))
        .steady(60, 4.5);
    assertThat(s.opened(AlarmKind.TREND))
        .extracting(Alarm::message)
        .noneMatch(m -> m.contains("LOW"));
  }

  @Test
  void aForecastDoesNotOutliveAGapInTheData() {
    // 3 °C/h from 20 °C for an hour: HIGH (30 °C) is over two hours away, no TREND. Then six hours
    // without readings, which a forecast made before them must not bridge.
    ProfileSeries s = new ProfileSeries(SensorProfile.ROOM, 60);
    s.steady(30, 20).during(60, 0.03, m -> 20 + 3.0 * m / 60).skip(6 * 60).steady(60, 23);
    assertThat(s.of(AlarmKind.TREND)).isEmpty();
  }

  @Test
  void customThresholdsRunNoTrend() {
    ProfileSeries s = new ProfileSeries(SensorProfile.CUSTOM, 60);
    s.steady(60, 20).during(240, 0.03, m -> 20 + 5.0 * m / 60);
    assertThat(s.of(AlarmKind.TREND)).isEmpty();
    assertThat(s.state.trendTimes).isNull();
  }

  @Test
  void aSteadyFallOpensTrendTowardsLow() {
    ProfileSeries s = new ProfileSeries(SensorProfile.ROOM, 60);
    s.steady(60, 20).during(240, 0.03, m -> 20 - 3.0 * m / 60);
    // Reaches LOW (10 °C) at minute 260.
    assertThat(s.opened(AlarmKind.TREND))
        .singleElement()
        .satisfies(a -> assertThat(a.message()).contains("LOW threshold 10.00 °C"))
        .satisfies(a -> assertThat(minutes(a.openedAt())).isBetween(200.0, 260.0));
  }
}
