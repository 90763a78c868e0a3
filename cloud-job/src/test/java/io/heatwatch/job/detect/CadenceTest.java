package io.heatwatch.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A sensor's cadence is learned from its own OK readings, whatever it is. */
class CadenceTest {

  @ParameterizedTest
  @ValueSource(longs = {5, 10, 60, 300, 900, 3600})
  void theCadenceIsLearnedFromFiveSecondsToAnHour(long cadenceS) {
    CadenceSeries s = new CadenceSeries(cadenceS).noisy(20, 5, 0.05);
    assertThat(s.state().cadenceMs).isEqualTo(cadenceS * 1000);
  }

  @Test
  void nothingIsLearnedFromOneReadingAndTwoTellTheirGap() {
    CadenceSeries s = new CadenceSeries(300).read(5);
    assertThat(s.state().cadenceMs).isZero();
    assertThat(Cadence.usual(s.state())).isZero();
    s.read(5);
    assertThat(s.state().cadenceMs).isEqualTo(300_000);
  }

  @Test
  void oneMissingReadingOrAPowerCutDoesNotMoveIt() {
    CadenceSeries s = new CadenceSeries(60).noisy(10, 5, 0.05);
    s.skip(60).noisy(1, 5, 0.05);
    assertThat(s.state().cadenceMs).isEqualTo(60_000);
    s.noisy(3, 5, 0.05).skip(4 * 3600).noisy(1, 5, 0.05);
    assertThat(s.state().cadenceMs).isEqualTo(60_000);
    s.noisy(5, 5, 0.05);
    assertThat(s.state().cadenceMs).isEqualTo(60_000);
  }

  @Test
  void aSensorThatChangesItsCadenceIsFollowedWithinThreeReadings() {
    CadenceSeries s = new CadenceSeries(10).noisy(10, 5, 0.05);
    SensorState state = s.state();
    long t = state.time(0);
    for (int i = 1; i <= 3; i++) {
      state.add(5, t + i * 900_000L);
    }
    assertThat(state.cadenceMs).isEqualTo(900_000);
  }

  @Test
  void readingsAtOneTimeOrOutOfOrderDoNotBreakIt() {
    SensorState state = new SensorState();
    state.add(5, 1_000_000);
    state.add(5, 1_010_000);
    state.add(5, 1_010_000);
    assertThat(state.cadenceMs).isEqualTo(10_000);
    state.add(5, 1_030_000);
    state.add(5, 1_020_000);
    assertThat(state.cadenceMs).isEqualTo(10_000);
    state.add(5, 1_040_000);
    state.add(5, 1_050_000);
    state.add(5, 1_060_000);
    assertThat(state.cadenceMs).isEqualTo(10_000);
  }

  @Test
  void stateRestoredFromBeforeTheCadenceReadsItFromItsRing() {
    SensorState state = new CadenceSeries(300).noisy(10, 5, 0.05).state();
    state.cadenceMs = 0;
    assertThat(Cadence.usual(state)).isEqualTo(300_000);
    state.add(5, state.time(0) + 300_000);
    assertThat(state.cadenceMs).isEqualTo(300_000);
  }
}
