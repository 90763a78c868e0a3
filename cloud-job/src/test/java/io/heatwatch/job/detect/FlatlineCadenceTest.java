package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Thresholds;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FLATLINE needs both the stuck limit and enough unchanged readings, at every cadence. */
class FlatlineCadenceTest {
  private static final Thresholds T = Thresholds.DEFAULTS;

  @ParameterizedTest
  @ValueSource(longs = {5, 10, 60, 300, 900})
  void aStuckSensorIsCaughtOnceAfterTheLimitAndTheMinimumReadings(long cadenceS) {
    CadenceSeries s = new CadenceSeries(cadenceS).noisy(40, 5, 0.1);
    long stuckFrom = s.seconds();
    long limitS = T.flatlineMs() / 1000;
    int readings = (int) Math.max(limitS / cadenceS, T.flatlineMinReadings()) + 5;
    for (int i = 0; i < readings; i++) {
      s.read(6.0);
    }
    assertThat(s.alarms(AlarmKind.FLATLINE))
        .extracting(Alarm::state)
        .containsExactly(AlarmState.OPEN);
    // Opened by the reading at which both limits were first met, not before.
    long earliestS = stuckFrom + Math.max(limitS, (T.flatlineMinReadings() - 1) * cadenceS);
    long openS = Duration.between(T0, s.alarms(AlarmKind.FLATLINE).get(0).updatedAt()).toSeconds();
    assertThat(openS).isEqualTo(earliestS + (cadenceS - earliestS % cadenceS) % cadenceS);
    s.read(6.25);
    assertThat(s.alarms(AlarmKind.FLATLINE))
        .extracting(Alarm::state)
        .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
  }

  @Test
  void theStuckLimitStillHoldsAtTenSeconds() {
    CadenceSeries s = new CadenceSeries(10).noisy(40, 5, 0.1);
    for (int i = 0; i < 360; i++) {
      s.read(6.0);
    }
    assertThat(s.alarms(AlarmKind.FLATLINE)).isEmpty();
    s.read(6.0);
    assertThat(s.opened(AlarmKind.FLATLINE)).hasSize(1);
  }

  @Test
  void anHourlyRoomWithNoiseAndQuantisationHasNoFlatlineInAWeek() {
    // An office at one reading an hour: a diurnal swing by day, and at night the heating holds
    // the room within a few hundredths, so neighbouring quantised readings often agree.
    SplittableRandom random = new SplittableRandom(19);
    CadenceSeries s = new CadenceSeries(3600);
    for (int h = 0; h < 7 * 24; h++) {
      int hour = h % 24;
      boolean night = hour < 6 || hour >= 20;
      double level = night ? 19.5 : 19.5 + 2 * Math.sin(Math.PI * (hour - 6) / 14);
      double sigma = night ? 0.03 : 0.1;
      s.read(CadenceSeries.quantise(level + random.nextGaussian() * sigma));
    }
    assertThat(s.alarms(AlarmKind.FLATLINE)).isEmpty();
  }

  @Test
  void anOpenFlatlineRestoredWithoutItsCountStaysOpen() {
    CadenceSeries s = new CadenceSeries(10).noisy(20, 5, 0.1);
    for (int i = 0; i < 400; i++) {
      s.read(6.0);
    }
    assertThat(s.opened(AlarmKind.FLATLINE)).hasSize(1);
    s.state().flatCount = 0;
    s.read(6.0).read(6.0);
    assertThat(s.alarms(AlarmKind.FLATLINE))
        .extracting(Alarm::state)
        .containsExactly(AlarmState.OPEN);
  }
}
