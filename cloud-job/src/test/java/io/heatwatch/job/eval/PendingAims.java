package io.heatwatch.job.eval;

import static io.heatwatch.job.eval.DetectionAimsTest.CADENCES_S;
import static io.heatwatch.job.eval.DetectionAimsTest.add;
import static io.heatwatch.job.eval.DetectionAimsTest.evaluation;
import static io.heatwatch.job.eval.DetectionAimsTest.report;
import static io.heatwatch.job.eval.DetectionAimsTest.score;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.eval.EvaluateDetection.Evaluation;
import io.heatwatch.job.eval.Scoring.Lead;
import io.heatwatch.job.eval.Scoring.Result;
import io.heatwatch.model.Alarm.AlarmKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Aims not met yet (the detectors of D1/D2 in progress); moved into DetectionAimsTest once met. */
class PendingAims {

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
    results.forEach((name, r) -> System.out.println(name + "\n" + report(r)));
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
      System.out.println(why);
      assertThat(result.kinds().get(AlarmKind.TREND).recall()).as(why).isEqualTo(1.0);
      List<Lead> leads = result.trendLeads();
      double[] beforeHigh = Report.minutes(leads, true);
      assertThat(beforeHigh).as(why).hasSize(leads.size());
      assertThat(beforeHigh[0]).as(why).isPositive();
      assertThat(Scoring.percentile(beforeHigh, 50)).as(why).isGreaterThanOrEqualTo(15);
    }
  }
}
