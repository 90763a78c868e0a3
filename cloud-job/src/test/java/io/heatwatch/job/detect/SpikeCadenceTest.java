package io.heatwatch.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Thresholds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPIKE judges a reading against the readings of a recent time span, at every cadence: a spike of
 * one to three readings is one alarm, its return none, and readings from before a gap are no
 * baseline.
 */
class SpikeCadenceTest {

  @ParameterizedTest(name = "{1}-reading spike at {0} s")
  @CsvSource({
    "10,1", "10,2", "10,3", "60,1", "60,2", "60,3", "300,1", "300,2", "300,3", "900,1", "900,2",
    "900,3"
  })
  void aSpikeOfOneToThreeReadingsIsOneAlarmAndItsReturnNone(long cadenceS, int width) {
    CadenceSeries s = new CadenceSeries(cadenceS, Thresholds.DEFAULTS, width).noisy(40, 5, 0.05);
    for (int i = 0; i < width; i++) {
      s.read(CadenceSeries.quantise(10 + 0.05 * i));
    }
    s.noisy(40, 5, 0.05);
    assertThat(s.alarms()).extracting(Alarm::kind).containsOnly(AlarmKind.SPIKE);
    assertThat(s.alarms(AlarmKind.SPIKE))
        .extracting(Alarm::state)
        .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
  }

  @ParameterizedTest
  @ValueSource(longs = {10, 60, 300, 900})
  void readingsFromBeforeAGapAreNoBaseline(long cadenceS) {
    CadenceSeries s = new CadenceSeries(cadenceS).noisy(40, 5, 0.05);
    // A power cut: the store warmed by 4 °C while nothing was sent.
    s.skip(Math.max(3 * 3600, 60 * cadenceS)).noisy(9, 9, 0.05);
    assertThat(s.alarms(AlarmKind.SPIKE)).isEmpty();
    // Once there is a recent baseline again, a spike is a spike.
    s.noisy(5, 9, 0.05).read(15).noisy(5, 9, 0.05);
    assertThat(s.opened(AlarmKind.SPIKE)).hasSize(1);
  }
}
