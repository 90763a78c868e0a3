package io.heatwatch.job.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.heatwatch.job.eval.Scoring.KindScore;
import io.heatwatch.job.eval.Scoring.Lead;
import io.heatwatch.job.eval.Scoring.Opening;
import io.heatwatch.job.eval.Scoring.Result;
import io.heatwatch.job.eval.Scoring.Window;
import io.heatwatch.model.Alarm.AlarmKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringTest {
  /** One sensor, 100 readings 10 s apart. */
  private static final Map<String, long[]> TIMES = Map.of("s", times(100));

  @Test
  void anAlarmInsideTheWindowOrItsGraceIsATruePositiveWithItsDelay() {
    List<Window> labels =
        List.of(spike(10, 12), spike(40, 40), new Window("s", AlarmKind.FLATLINE, 60, 70, 600_000));
    List<Opening> openings =
        List.of(opening(AlarmKind.SPIKE, 11), opening(AlarmKind.SPIKE, 45), flat(75));

    Result result = Scoring.score(labels, openings, TIMES, 5);

    KindScore spike = result.kinds().get(AlarmKind.SPIKE);
    assertThat(spike.tp()).isEqualTo(2);
    assertThat(spike.fp()).isZero();
    assertThat(spike.fn()).isZero();
    assertThat(spike.delayReadings()).containsExactly(1, 5);
    assertThat(spike.delaySeconds()).containsExactly(10, 50);
    assertThat(result.kinds().get(AlarmKind.FLATLINE).tp()).isEqualTo(1);
  }

  @Test
  void lateEarlyOrOtherKindAlarmsAreFalseAndTheLabelIsMissed() {
    List<Window> labels = List.of(spike(40, 41));
    List<Opening> openings =
        List.of(opening(AlarmKind.SPIKE, 39), opening(AlarmKind.SPIKE, 47), flat(40));

    Result result = Scoring.score(labels, openings, TIMES, 5);

    KindScore spike = result.kinds().get(AlarmKind.SPIKE);
    assertThat(spike.tp()).isZero();
    assertThat(spike.fp()).isEqualTo(2);
    assertThat(spike.fn()).isEqualTo(1);
    assertThat(spike.missed()).containsExactly(labels.get(0));
    assertThat(spike.recall()).isZero();
    assertThat(result.kinds().get(AlarmKind.FLATLINE).fp()).isEqualTo(1);
  }

  @Test
  void eachLabelCountsOnceASecondAlarmInItIsADuplicate() {
    List<Window> labels = List.of(spike(10, 20));
    List<Opening> openings = List.of(opening(AlarmKind.SPIKE, 10), opening(AlarmKind.SPIKE, 15));

    KindScore spike = Scoring.score(labels, openings, TIMES, 5).kinds().get(AlarmKind.SPIKE);

    assertThat(spike.tp()).isEqualTo(1);
    assertThat(spike.fp()).isEqualTo(1);
    assertThat(spike.duplicates()).isEqualTo(1);
    assertThat(spike.cleanFalseAlarms()).isZero();
    assertThat(spike.precision()).isEqualTo(0.5);
    assertThat(spike.f1()).isCloseTo(2 * 0.5 / 1.5, within(1e-9));
  }

  @Test
  void cleanStretchesLeaveOutLabelsAndTheirGrace() {
    List<Window> labels = List.of(spike(10, 19));
    List<Opening> openings = List.of(opening(AlarmKind.SPIKE, 50), opening(AlarmKind.SPIKE, 22));

    Result result = Scoring.score(labels, openings, TIMES, 5);

    // Readings 10..24 are covered; 0..9 and 25..99 are clean: 9 + 74 gaps of 10 s.
    assertThat(result.cleanSeconds()).isEqualTo(830);
    KindScore spike = result.kinds().get(AlarmKind.SPIKE);
    assertThat(spike.tp()).isEqualTo(1);
    assertThat(spike.cleanFalseAlarms()).isEqualTo(1);
    assertThat(result.falseAlarmsPerSensorWeek()).isCloseTo(7 * 24 * 3600 / 830.0, within(1e-9));
  }

  @Test
  void trendsLeadIsToTheHighAlarmAndToTheCrossingOfTheHighLabelThatFollowsIt() {
    List<Window> labels =
        List.of(
            new Window("s", AlarmKind.TREND, 10, 30, 100_000),
            new Window("s", AlarmKind.HIGH, 30, 50, 300_000),
            new Window("s", AlarmKind.TREND, 60, 70, 600_000),
            new Window("s", AlarmKind.HIGH, 70, 80, 700_000));
    List<Opening> openings =
        List.of(
            opening(AlarmKind.TREND, 20),
            opening(AlarmKind.HIGH, 36),
            opening(AlarmKind.TREND, 72),
            opening(AlarmKind.HIGH, 71));

    List<Lead> leads = Scoring.score(labels, openings, TIMES, 5).trendLeads();

    assertThat(leads)
        .containsExactly(new Lead("s", 200_000, 160, 100), new Lead("s", 720_000, -10, -20));
  }

  @Test
  void percentilesAreNearestRank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(Scoring.percentile(sorted, 50)).isEqualTo(5);
    assertThat(Scoring.percentile(sorted, 95)).isEqualTo(10);
    assertThat(Scoring.percentile(new double[] {7}, 50)).isEqualTo(7);
    assertThat(Scoring.percentile(new double[0], 50)).isNaN();
  }

  private static Window spike(int first, int last) {
    return new Window("s", AlarmKind.SPIKE, first, last, first * 10_000L);
  }

  private static Opening opening(AlarmKind kind, int index) {
    return new Opening("s", kind, index, index * 10_000L);
  }

  private static Opening flat(int index) {
    return opening(AlarmKind.FLATLINE, index);
  }

  private static long[] times(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 10_000L;
    }
    return t;
  }
}
