package io.heatwatch.job.eval;

import io.heatwatch.job.JobConfig;
import io.heatwatch.job.JobOptions;
import io.heatwatch.job.detect.SensorDetection;
import io.heatwatch.job.detect.SensorState;
import io.heatwatch.job.eval.Scoring.KindScore;
import io.heatwatch.job.eval.Scoring.Opening;
import io.heatwatch.job.eval.Scoring.Result;
import io.heatwatch.job.eval.Scoring.Window;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the job's per-sensor detectors on labelled series: runs {@link SensorDetection} with the
 * job's default thresholds over each sensor's readings, in order, and prints precision, recall, F1,
 * detection delay and the false alarm rate on clean stretches per alarm kind.
 *
 * <pre>
 * EvaluateDetection [--grace READINGS] [--list] [--alarm.* VALUE ...] SERIES.csv LABELS.json [SERIES LABELS ...]
 * </pre>
 *
 * Several cases are pooled into one table; {@code --alarm.*} settings override the defaults as in
 * the job.
 */
public final class EvaluateDetection {
  /** Readings after a label's end in which an alarm still counts as catching it. */
  static final int DEFAULT_GRACE = 5;

  private EvaluateDetection() {}

  public static void main(String[] args) throws IOException {
    int grace = DEFAULT_GRACE;
    boolean list = false;
    Map<String, String> settings = new HashMap<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--list")) {
        list = true;
      } else if (args[i].startsWith("--")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + ": missing value");
        }
        String key = args[i].substring(2);
        if (key.equals("grace")) {
          grace = Integer.parseInt(args[++i]);
        } else {
          settings.put(key, args[++i]);
        }
      } else {
        files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty() || files.size() % 2 != 0) {
      System.err.println(
          "usage: EvaluateDetection [--grace N] [--alarm.* V ...] SERIES.csv LABELS.json [...]");
      System.exit(2);
    }
    Evaluation evaluation = new Evaluation(thresholds(settings));
    for (int i = 0; i < files.size(); i += 2) {
      String prefix = files.size() > 2 ? files.get(i) + "/" : "";
      evaluation.add(prefix, SeriesCsv.read(files.get(i)), Labels.read(files.get(i + 1)));
    }
    Result result = evaluation.score(grace);
    print(result, grace, System.out);
    if (list) {
      list(result, System.out);
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

  /**
   * The job's default thresholds with {@code overrides}; JobConfig insists on its connection
   * settings, which detection does not use, so placeholders stand in for them.
   */
  static Thresholds thresholds(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(overrides);
    settings.putIfAbsent(JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "unused:9092");
    settings.putIfAbsent(JobOptions.ELASTICSEARCH_HOSTS.key(), "http://unused:9200");
    return JobConfig.fromMap(settings).thresholds();
  }

  /** Series and labels run through the detectors, ready to be scored. */
  static final class Evaluation {
    private final Thresholds thresholds;
    private final List<Window> windows = new ArrayList<>();
    private final List<Opening> openings = new ArrayList<>();
    private final Map<String, long[]> times = new LinkedHashMap<>();

    Evaluation(Thresholds thresholds) {
      this.thresholds = thresholds;
    }

    /**
     * Runs the detectors over {@code series}; sensor names get {@code prefix} to keep cases apart.
     */
    void add(String prefix, Map<String, List<Reading>> series, List<LabelWindow> labels) {
      series.forEach((sensor, readings) -> run(prefix + sensor, readings));
      for (LabelWindow label : labels) {
        String sensor = prefix + label.sensor();
        windows.add(window(sensor, label, times.getOrDefault(sensor, new long[0])));
      }
    }

    Result score(int grace) {
      return Scoring.score(windows, openings, times, grace);
    }

    private void run(String sensor, List<Reading> readings) {
      SensorDetection detection = new SensorDetection();
      SensorState state = new SensorState();
      long[] t = new long[readings.size()];
      for (int i = 0; i < t.length; i++) {
        Reading reading = readings.get(i);
        t[i] = reading.ts().toEpochMilli();
        int index = i;
        detection.onReading(
            state,
            reading,
            thresholds,
            alarm -> {
              if (alarm.version() == 1) {
                openings.add(new Opening(sensor, alarm.kind(), index, t[index]));
              }
            });
      }
      times.put(sensor, t);
    }
  }

  /**
   * The label as reading indices: the first reading at or after its start, the last up to its end.
   */
  static Window window(String sensor, LabelWindow label, long[] t) {
    long start = label.start().toEpochMilli();
    long end = label.end().toEpochMilli();
    int first = 0;
    while (first < t.length && t[first] < start) {
      first++;
    }
    int last = first - 1;
    while (last + 1 < t.length && t[last + 1] <= end) {
      last++;
    }
    return new Window(sensor, label.kind(), first, Math.max(last, first), start);
  }

  /** The scores as a Markdown table. */
  static void print(Result result, int grace, PrintStream out) {
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
  }

  private static String num(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
  }
}
