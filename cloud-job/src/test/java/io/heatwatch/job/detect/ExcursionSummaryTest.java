package io.heatwatch.job.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Thresholds;
import org.junit.jupiter.api.Test;

/** The excursion summary a HIGH or LOW alarm carries when it clears. */
class ExcursionSummaryTest {

  @Test
  void meanKineticTemperatureOfAHandComputedExample() {
    // One hour at 20 °C and one at 30 °C: 10,000 / -ln((e^(-10000/293.15) + e^(-10000/303.15))
    // / 2) - 273.15 = 26.2599 °C, above the arithmetic mean of 25 °C as MKT weighs heat more.
    double k20 = Math.exp(-10_000 / 293.15);
    double k30 = Math.exp(-10_000 / 303.15);
    assertThat(Excursions.DH_OVER_R_K).isCloseTo(10_000, within(1e-6));
    assertThat(Excursions.mkt((k20 + k30) / 2)).isCloseTo(26.2599, within(1e-4));
  }

  @Test
  void aClearedHighCarriesDurationPeakTimeWeightedMeanAndMkt() {
    ProfileSeries s = new ProfileSeries(Thresholds.DEFAULTS, 60);
    s.read(30).read(40).read(40).read(50).read(50).read(30);
    Alarm cleared = s.of(AlarmKind.HIGH).get(s.of(AlarmKind.HIGH).size() - 1);
    assertThat(cleared.state()).isEqualTo(AlarmState.CLEARED);
    Alarm.Excursion e = cleared.excursion();
    // Beyond from the reading at 60 s to the clear at 300 s: 40 °C for 2 min, 50 °C for 2 min.
    assertThat(e.durationS()).isEqualTo(240);
    assertThat(e.peakC()).isEqualTo(50);
    assertThat(e.meanC()).isCloseTo(45, within(1e-9));
    // Hand-computed as above for 40, 40, 50, 50 °C: 46.1136 °C.
    assertThat(e.mktC()).isCloseTo(46.1136, within(1e-4));
    assertThat(s.of(AlarmKind.HIGH))
        .filteredOn(a -> a.state() != AlarmState.CLEARED)
        .allMatch(a -> a.excursion() == null);
  }

  @Test
  void aClearedLowCarriesItsMinimumAsPeakAndTheHysteresisBandCounts() {
    ProfileSeries s = new ProfileSeries(Thresholds.DEFAULTS, 60);
    // LOW 0 °C, hysteresis 1 °C: -0.5 is still the excursion, 2 clears it.
    s.read(5).read(-5).read(-5).read(-5).read(-0.5).read(2);
    Alarm.Excursion e = s.of(AlarmKind.LOW).get(s.of(AlarmKind.LOW).size() - 1).excursion();
    assertThat(e.durationS()).isEqualTo(240);
    assertThat(e.peakC()).isEqualTo(-5);
    assertThat(e.meanC()).isCloseTo((-5 * 3 - 0.5) / 4, within(1e-9));
  }

  @Test
  void aDoorThatClosedInTimeLeavesNoExcursionBehind() {
    ProfileSeries s =
        new ProfileSeries(
            Thresholds.DEFAULTS.withMinDuration(java.time.Duration.ofMinutes(10)), 60);
    s.read(30).read(40).read(40).read(30).read(30);
    assertThat(s.alarms).isEmpty();
    assertThat(s.state.highExcursion).isNull();
  }

  @Test
  void aHighClearedBecauseItsSensorRetiredCarriesItsExcursion() {
    ProfileSeries s = new ProfileSeries(Thresholds.DEFAULTS, 60);
    s.read(30).read(40).read(44);
    java.util.List<Alarm> cleared =
        AlarmLifecycle.clearAll(s.state, s.now(), "t1 retired by an operator");
    assertThat(cleared)
        .singleElement()
        .satisfies(a -> assertThat(a.kind()).isEqualTo(AlarmKind.HIGH))
        .satisfies(a -> assertThat(a.excursion().durationS()).isEqualTo(120))
        .satisfies(a -> assertThat(a.excursion().peakC()).isEqualTo(44));
    assertThat(s.state.highExcursion).isNull();
  }

  @Test
  void aResolvedHighCarriesItsExcursionSoFar() {
    ProfileSeries s = new ProfileSeries(Thresholds.DEFAULTS, 60);
    s.read(30).read(40).read(40);
    Alarm resolved = s.command(AlarmCommand.Action.RESOLVE, s.opened(AlarmKind.HIGH).get(0));
    assertThat(resolved.excursion()).isNotNull();
    assertThat(resolved.excursion().peakC()).isEqualTo(40);
  }
}
