package io.heatwatch.job.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.eval.CorpusGenerator.Case;
import io.heatwatch.job.eval.EvaluateDetection.Evaluation;
import io.heatwatch.job.eval.Scoring.KindScore;
import io.heatwatch.job.eval.Scoring.Lead;
import io.heatwatch.job.eval.Scoring.Result;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's aims on a fixed-seed subset of the simulator corpus, each sensor with the profile it
 * simulates, scored as {@link EvaluateDetection} scores (docs/detection.md has the full figures).
 */
class DetectionAimsTest {
  static final long SEED = 20261205;
  static final int[] CADENCES_S = {10, 60, 300, 900};

  @Test
  void defrostAndDoorRaiseAtMostOneFalseAlarmInTenSensorWeeksAtEveryCadence() {
    Map<String, Result> results = new LinkedHashMap<>();
    for (String name : List.of("defrost", "door")) {
      Evaluation evaluation = evaluation();
      for (int s : CADENCES_S) {
        add(evaluation, name, s, 4);
      }
      results.put(name, evaluation.score(EvaluateDetection.DEFAULT_GRACE));
    }
    results.forEach(
        (name, r) ->
            assertThat(r.falseAlarmsPerSensorWeek())
                .as("%s%n%s", name, report(r))
                .isLessThanOrEqualTo(0.1));
  }

  @Test
  void everyCompressorFailureIsCaughtByTrendBeforeHighWithAMedianLeadOfFifteenMinutes() {
    for (int s : CADENCES_S) {
      Result result = score("compressor", s, 4);
      String why = "compressor at " + s + " s\n" + report(result);
      assertThat(result.kinds().get(AlarmKind.TREND).recall()).as(why).isEqualTo(1.0);
      List<Lead> leads = result.trendLeads();
      double[] beforeHigh = Report.minutes(leads, true);
      // Every rise has its lead; TREND came before the HIGH alarm and before the first reading
      // above HIGH.
      assertThat(leads).as(why).hasSize(result.kinds().get(AlarmKind.TREND).labels());
      assertThat(beforeHigh).as(why).hasSize(leads.size());
      assertThat(beforeHigh[0]).as(why).isPositive();
      assertThat(Report.minutes(leads, false)[0]).as(why).isPositive();
      assertThat(Scoring.percentile(beforeHigh, 50)).as(why).isGreaterThanOrEqualTo(15);
    }
  }

  @Test
  void everySensorFaultFlatlineAndPowerCutIsCaughtAtEveryCadence() {
    for (int s : CADENCES_S) {
      for (String name : List.of("fault", "flatline", "powercut")) {
        Result result = score(name, s, 2);
        AlarmKind kind =
            switch (name) {
              case "fault" -> AlarmKind.SENSOR_FAULT;
              case "flatline" -> AlarmKind.FLATLINE;
              default -> AlarmKind.HIGH;
            };
        assertThat(result.kinds().get(kind).recall())
            .as("%s at %d s%n%s", name, s, report(result))
            .isEqualTo(1.0);
      }
    }
  }

  @Test
  void spikeF1StaysAtLeast095() {
    Result result = score("spike", 10, 2);
    KindScore spike = result.kinds().get(AlarmKind.SPIKE);
    assertThat(spike.f1()).as(report(result)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aRampAndItsReturnOrASpikeAndItsReturnOpenOneAlarmAtTenAndSixtySeconds() {
    for (int s : new int[] {10, 60}) {
      Result spike = score("spike", s, 2);
      Result ramp = score("ramp", s, 2);
      assertThat(spike.kinds().get(AlarmKind.SPIKE).duplicates())
          .as("spike at %d s%n%s", s, report(spike))
          .isZero();
      assertThat(ramp.kinds().get(AlarmKind.RATE_OF_CHANGE).duplicates())
          .as("ramp at %d s%n%s", s, report(ramp))
          .isZero();
    }
  }

  /** Case {@code name} of a week at one reading per {@code intervalS}, scored. */
  static Result score(String name, int intervalS, int sensors) {
    Evaluation evaluation = evaluation();
    add(evaluation, name, intervalS, sensors);
    return evaluation.score(EvaluateDetection.DEFAULT_GRACE);
  }

  static Evaluation evaluation() {
    return new Evaluation(EvaluateDetection.thresholds(Map.of()));
  }

  /** Generates a week of case {@code name} and runs it, each sensor with its simulated profile. */
  static void add(Evaluation evaluation, String name, int intervalS, int sensors) {
    Case c =
        CorpusGenerator.generate(
            name, SEED, sensors, Duration.ofDays(7), Duration.ofSeconds(intervalS));
    Map<String, List<Reading>> series = new LinkedHashMap<>();
    for (Reading r : c.readings()) {
      series.computeIfAbsent(r.sensorId(), k -> new ArrayList<>()).add(r);
    }
    Map<String, SensorConfig> configs = new LinkedHashMap<>();
    c.profiles().forEach((sensor, p) -> configs.put(sensor, CaseMeta.config(p, null, null)));
    evaluation.add(intervalS + "s/", series, c.labels(), configs);
  }

  /** The table EvaluateDetection prints, for the assertion's message. */
  static String report(Result result) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    Report.table(result, EvaluateDetection.DEFAULT_GRACE, out);
    Report.list(result, out);
    return text.toString(StandardCharsets.UTF_8);
  }
}
