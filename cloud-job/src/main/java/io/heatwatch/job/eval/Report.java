package io.heatwatch.job.eval;

import io.heatwatch.job.eval.Scoring.KindScore;
import io.heatwatch.job.eval.Scoring.Lead;
import io.heatwatch.job.eval.Scoring.Opening;
import io.heatwatch.job.eval.Scoring.Result;
import io.heatwatch.job.eval.Scoring.Window;
import io.heatwatch.model.SensorProfile;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints {@link EvaluateDetection}'s scores: Markdown tables, and the list of every mistake. */
final class Report {
  private Report() {}

  /** All sensors pooled, then one table per profile when there is more than one. */
  static void print(Result all, Map<SensorProfile, Result> byProfile, int grace, PrintStream out) {
    out.printf(Locale.ROOT, "## all sensors%n%n");
    table(all, grace, out);
    if (byProfile.size() > 1) {
      byProfile.forEach(
          (profile, result) -> {
            out.printf(Locale.ROOT, "%n## profile %s%n%n", profile.key());
            table(result, grace, out);
          });
    }
  }

  /** The scores of {@code result} as a Markdown table, its false alarm rate and TREND's lead. */
  static void table(Result result, int grace, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "clean sensor-time %.2f sensor-weeks; grace %d readings%n%n",
        result.cleanSeconds() / (7 * 24 * 3600.0),
        grace);
    out.println(
        "| kind | labels | TP | FP (dup) | FN | precision | recall | F1 | delay p50/p95"
            + " readings | delay p50/p95 s | clean false alarms |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (KindScore k : result.kinds().values()) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %d (%d) | %d | %.3f | %.3f | %.3f | %s / %s | %s / %s | %d |%n",
          k.kind(),
          k.labels(),
          k.tp(),
          k.fp(),
          k.duplicates(),
          k.fn(),
          k.precision(),
          k.recall(),
          k.f1(),
          num(Scoring.percentile(k.delayReadings(), 50)),
          num(Scoring.percentile(k.delayReadings(), 95)),
          num(Scoring.percentile(k.delaySeconds(), 50)),
          num(Scoring.percentile(k.delaySeconds(), 95)),
          k.cleanFalseAlarms());
    }
    out.printf(
        Locale.ROOT,
        "%nfalse alarms on clean stretches: %.3f per sensor-week%n",
        result.falseAlarmsPerSensorWeek());
    List<Lead> leads = result.trendLeads();
    if (!leads.isEmpty()) {
      double[] alarm = minutes(leads, true);
      double[] crossing = minutes(leads, false);
      out.printf(
          Locale.ROOT,
          "TREND before HIGH (%d rises): before the HIGH alarm median %s min, min %s min;"
              + " before the crossing median %s min, min %s min%n",
          leads.size(),
          num(Scoring.percentile(alarm, 50)),
          num(alarm.length == 0 ? Double.NaN : alarm[0]),
          num(Scoring.percentile(crossing, 50)),
          num(crossing[0]));
    }
  }

  /** Every missed label and false alarm, one a line, to see what went wrong. */
  static void list(Result result, PrintStream out) {
    for (KindScore k : result.kinds().values()) {
      for (Window w : k.missed()) {
        out.printf(
            "missed %s %s readings %d..%d from %s%n",
            w.kind(), w.sensor(), w.first(), w.last(), Instant.ofEpochMilli(w.startMs()));
      }
      for (Opening o : k.falseAlarms()) {
        out.printf(
            "false %s %s reading %d at %s%n",
            o.kind(), o.sensor(), o.index(), Instant.ofEpochMilli(o.atMs()));
      }
    }
  }

  /** The leads in minutes, sorted; before the HIGH alarm (without missed HIGHs) or the crossing. */
  static double[] minutes(List<Lead> leads, boolean beforeAlarm) {
    return leads.stream()
        .mapToDouble(l -> (beforeAlarm ? l.beforeHighAlarmS() : l.beforeCrossingS()) / 60)
        .filter(m -> !Double.isNaN(m))
        .sorted()
        .toArray();
  }

  private static String num(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
  }
}
