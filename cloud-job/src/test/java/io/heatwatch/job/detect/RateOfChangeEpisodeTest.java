package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RATE_OF_CHANGE is a rate per minute of event time at every cadence, and a ramp and its return are
 * one episode: one alarm, cleared only once the rate has been quiet for a while.
 */
class RateOfChangeEpisodeTest {
  private static final double RISE_C = 10;

  /** How long a ramp lasts at {@code cadenceS}: at least 5 min and 8 readings. */
  private static long rampS(long cadenceS) {
    return Math.max(300, 8 * cadenceS);
  }

  /** A limit half the test ramps' rate. */
  private static Thresholds limitFor(long cadenceS) {
    return Thresholds.DEFAULTS.withMaxRateCPerMin(RISE_C / (rampS(cadenceS) / 60.0) / 2);
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 10, 60, 300, 900})
  void aRampUpAndItsReturnAreOneAlarmThatClearsAfterAQuietTime(long cadenceS) {
    CadenceSeries s = new CadenceSeries(cadenceS, limitFor(cadenceS), 11).noisy(40, 5, 0.05);
    ramp(s, 5, RISE_C);
    ramp(s, 5 + RISE_C, -RISE_C);
    long downEndS = s.seconds() - cadenceS;
    s.noisy((int) Math.max(40, 3600 / cadenceS), 5, 0.05);

    assertThat(s.opened(AlarmKind.RATE_OF_CHANGE)).hasSize(1);
    Alarm last =
        s.alarms(AlarmKind.RATE_OF_CHANGE).get(s.alarms(AlarmKind.RATE_OF_CHANGE).size() - 1);
    assertThat(last.state()).isEqualTo(AlarmState.CLEARED);
    assertThat(s.alarms(AlarmKind.RATE_OF_CHANGE))
        .filteredOn(a -> a.state() == AlarmState.CLEARED)
        .hasSize(1);
    long quietS = Math.max(600, 3 * cadenceS);
    assertThat(last.clearedAt()).isAfterOrEqualTo(T0.plusSeconds(downEndS + quietS));
  }

  @Test
  void twoRampsAnHourApartAreTwoEpisodes() {
    CadenceSeries s = new CadenceSeries(10, limitFor(10), 12).noisy(40, 5, 0.05);
    ramp(s, 5, RISE_C);
    ramp(s, 5 + RISE_C, -RISE_C);
    s.noisy(360, 5, 0.05);
    ramp(s, 5, RISE_C);
    ramp(s, 5 + RISE_C, -RISE_C);
    s.noisy(360, 5, 0.05);

    assertThat(s.opened(AlarmKind.RATE_OF_CHANGE)).hasSize(2);
    assertThat(s.alarms(AlarmKind.RATE_OF_CHANGE))
        .filteredOn(a -> a.state() == AlarmState.CLEARED)
        .hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 10, 60, 300, 900})
  void theRateIsPerMinuteOfEventTimeAtEveryCadence(long cadenceS) {
    Thresholds t = Thresholds.DEFAULTS.withMaxRateCPerMin(0.1);
    CadenceSeries slow = new CadenceSeries(cadenceS, t, 13).noisy(40, 5, 0.01);
    CadenceSeries fast = new CadenceSeries(cadenceS, t, 13).noisy(40, 5, 0.01);
    int n = (int) Math.max(40, 7200 / cadenceS);
    for (int i = 1; i <= n; i++) {
      double minutes = i * cadenceS / 60.0;
      slow.read(5 + 0.07 * minutes);
      fast.read(5 + 0.15 * minutes);
    }
    assertThat(slow.alarms(AlarmKind.RATE_OF_CHANGE)).isEmpty();
    assertThat(fast.opened(AlarmKind.RATE_OF_CHANGE))
        .singleElement()
        .satisfies(a -> assertThat(a.value()).isBetween(0.1, 0.2));
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 10, 60, 300, 900})
  void aOneReadingSpikeIsNoRateAtEveryCadence(long cadenceS) {
    CadenceSeries s = new CadenceSeries(cadenceS).noisy(40, 5, 0.05);
    s.read(30).noisy(40, 5, 0.05);
    assertThat(s.alarms(AlarmKind.RATE_OF_CHANGE)).isEmpty();
  }

  /** Readings from {@code from} by {@code rise} °C over {@link #rampS}, one per cadence. */
  private static void ramp(CadenceSeries s, double from, double rise) {
    long n = rampS(s.cadenceS()) / s.cadenceS();
    for (int i = 1; i <= n; i++) {
      s.read(CadenceSeries.quantise(from + rise * i / n));
    }
  }
}
