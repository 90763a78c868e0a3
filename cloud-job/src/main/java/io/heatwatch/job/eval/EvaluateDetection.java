package io.heatwatch.job.eval;

import io.heatwatch.job.JobConfig;
import io.heatwatch.job.JobOptions;
import io.heatwatch.job.detect.SensorDetection;
import io.heatwatch.job.detect.SensorState;
import io.heatwatch.job.eval.Scoring.Opening;
import io.heatwatch.job.eval.Scoring.Result;
import io.heatwatch.job.eval.Scoring.Window;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the job's per-sensor detectors on labelled series: runs {@link SensorDetection} over each
 * sensor's readings, in order, with the thresholds the job would give it (the job's defaults with
 * the sensor's profile and overrides from {@code SERIES.meta.json}, see {@link CaseMeta}), and
 * prints precision, recall, F1, detection delay, duplicates, the false alarm rate on clean
 * stretches per alarm kind and TREND's lead before HIGH, for all sensors and per profile.
 *
 * <pre>
 * EvaluateDetection [--grace READINGS] [--list] [--profile P] [--alarm.* VALUE ...]
 *     SERIES.csv LABELS.json [SERIES LABELS ...]
 * </pre>
 *
 * {@code --alarm.*} settings override the job's defaults as in the job; {@code --profile P} runs
 * every sensor with profile P instead of its own ({@code custom}: the job's defaults alone).
 */
public final class EvaluateDetection {
  /** Readings after a label's end in which an alarm still counts as catching it. */
  static final int DEFAULT_GRACE = 5;

  private EvaluateDetection() {}

  public static void main(String[] args) throws IOException {
    int grace = DEFAULT_GRACE;
    boolean list = false;
    SensorProfile profile = null;
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
        } else if (key.equals("profile")) {
          profile = SensorProfile.parse(args[++i]);
        } else {
          settings.put(key, args[++i]);
        }
      } else {
        files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty() || files.size() % 2 != 0) {
      System.err.println(
          "usage: EvaluateDetection [--grace N] [--list] [--profile P] [--alarm.* V ...]"
              + " SERIES.csv LABELS.json [...]");
      System.exit(2);
    }
    Evaluation evaluation = new Evaluation(thresholds(settings));
    for (int i = 0; i < files.size(); i += 2) {
      String prefix = files.size() > 2 ? files.get(i) + "/" : "";
      Map<String, List<Reading>> series = SeriesCsv.read(files.get(i));
      Map<String, SensorConfig> configs = CaseMeta.read(CaseMeta.of(files.get(i)));
      if (profile != null) {
        SensorConfig forced = CaseMeta.config(profile, null, null);
        series.keySet().forEach(s -> configs.put(s, forced));
      }
      evaluation.add(prefix, series, Labels.read(files.get(i + 1)), configs);
    }
    Result result = evaluation.score(grace);
    Report.print(result, evaluation.scoreByProfile(grace), grace, System.out);
    if (list) {
      Report.list(result, System.out);
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
    private final Thresholds defaults;
    private final List<Window> windows = new ArrayList<>();
    private final List<Opening> openings = new ArrayList<>();
    private final Map<String, long[]> times = new LinkedHashMap<>();
    private final Map<String, SensorProfile> profiles = new HashMap<>();

    /** {@code defaults}: the job's thresholds, which profiles and configs start from. */
    Evaluation(Thresholds defaults) {
      this.defaults = defaults;
    }

    /** Runs the detectors over {@code series} with the job's defaults for every sensor. */
    void add(String prefix, Map<String, List<Reading>> series, List<LabelWindow> labels) {
      add(prefix, series, labels, Map.of());
    }

    /**
     * Runs the detectors over {@code series}, each sensor with its config in {@code configs} (the
     * job's defaults when it has none); sensor names get {@code prefix} to keep cases apart.
     */
    void add(
        String prefix,
        Map<String, List<Reading>> series,
        List<LabelWindow> labels,
        Map<String, SensorConfig> configs) {
      series.forEach(
          (sensor, readings) -> {
            SensorConfig config = configs.get(sensor);
            SensorProfile profile = config == null ? null : config.profile();
            profiles.put(prefix + sensor, profile == null ? SensorProfile.CUSTOM : profile);
            run(prefix + sensor, readings, defaults.with(config));
          });
      for (LabelWindow label : labels) {
        String sensor = prefix + label.sensor();
        windows.add(window(sensor, label, times.getOrDefault(sensor, new long[0])));
      }
    }

    Result score(int grace) {
      return Scoring.score(windows, openings, times, grace);
    }

    /** The score of each profile's sensors alone, in the profiles' order. */
    Map<SensorProfile, Result> scoreByProfile(int grace) {
      Map<SensorProfile, Result> results = new EnumMap<>(SensorProfile.class);
      for (SensorProfile profile : SensorProfile.values()) {
        Map<String, long[]> ofProfile = new LinkedHashMap<>();
        times.forEach(
            (sensor, t) -> {
              if (profiles.get(sensor) == profile) {
                ofProfile.put(sensor, t);
              }
            });
        if (!ofProfile.isEmpty()) {
          results.put(
              profile,
              Scoring.score(
                  windows.stream().filter(w -> ofProfile.containsKey(w.sensor())).toList(),
                  openings.stream().filter(o -> ofProfile.containsKey(o.sensor())).toList(),
                  ofProfile,
                  grace));
        }
      }
      return results;
    }

    private void run(String sensor, List<Reading> readings, Thresholds thresholds) {
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
}
