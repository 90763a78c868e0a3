package io.heatwatch.job.eval;

import io.heatwatch.job.eval.ColdPatterns.Episode;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Versions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a labelled corpus for {@link EvaluateDetection}: per case, {@code CASE.csv}, {@code
 * CASE.labels.json} and {@code CASE.meta.json} (the cadence and each sensor's profile).
 *
 * <p>The historic cases ({@link SensorProfile#CUSTOM}, a cold store of 4–8 °C, see {@link Trace}):
 * {@code clean} (nothing injected), {@code spike} (+3/+5/+10/+25 °C for 1–3 readings), {@code ramp}
 * (1.5–5 °C/min up, then back down), {@code flatline} (stuck 75–180 min, and at least 12–20
 * readings) and {@code fault} (3–10 value-less readings in a row). Spike and ramp exist up to one
 * reading a minute; at 10 s every historic case is what it always was.
 *
 * <p>The real patterns ({@link ColdPatterns}, on a {@link ColdTrace}): {@code defrost} (FREEZER),
 * {@code door} (FRIDGE), {@code compressor} (odd sensors FRIDGE, even FREEZER), {@code powercut}
 * (FRIDGE) and {@code swap} (FRIDGE).
 *
 * <pre>
 * CorpusGenerator --seed N --out DIR [--sensors 2] [--days 7] [--interval-s 10] [--cases a,b,...]
 * </pre>
 */
public final class CorpusGenerator {
  /** The cases, in the order they are written. */
  static final List<String> CASES =
      List.of(
          "clean",
          "spike",
          "ramp",
          "flatline",
          "fault",
          "defrost",
          "door",
          "compressor",
          "powercut",
          "swap");

  /** The cases whose episodes are only meaningful at one reading a minute or faster. */
  static final List<String> FAST_CASES = List.of("spike", "ramp");

  static final double[] SPIKE_SIZES_C = {3, 5, 10, 25};
  static final double[] RAMP_RATES_C_PER_MIN = {1.5, 2, 3, 5};

  /** One generated case: every sensor's readings in time order, its labels, each profile. */
  record Case(
      String name,
      List<Reading> readings,
      List<LabelWindow> labels,
      Map<String, SensorProfile> profiles) {}

  private CorpusGenerator() {}

  public static void main(String[] args) throws IOException {
    Long seed = null;
    Path out = null;
    int sensors = 2;
    int days = 7;
    int intervalS = 10;
    List<String> cases = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--sensors" -> sensors = Integer.parseInt(args[i + 1]);
        case "--days" -> days = Integer.parseInt(args[i + 1]);
        case "--interval-s" -> intervalS = Integer.parseInt(args[i + 1]);
        case "--cases" -> cases = Arrays.asList(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (seed == null || out == null) {
      System.err.println(
          "usage: CorpusGenerator --seed N --out DIR [--sensors 2] [--days 7] [--interval-s 10]"
              + " [--cases a,b,...]");
      System.exit(2);
    }
    Duration interval = Duration.ofSeconds(intervalS);
    if (cases == null) {
      cases = CASES.stream().filter(c -> supports(c, interval)).toList();
    }
    Files.createDirectories(out);
    for (String name : cases) {
      Case c = generate(name, seed, sensors, Duration.ofDays(days), interval);
      try (Writer w = Files.newBufferedWriter(out.resolve(name + ".csv"), StandardCharsets.UTF_8)) {
        SeriesCsv.write(w, c.readings());
      }
      Labels.write(out.resolve(name + ".labels.json"), c.labels());
      CaseMeta.write(out.resolve(name + ".meta.json"), intervalS, c.profiles());
      System.out.printf(
          "%s: %d readings, %d labels%n", name, c.readings().size(), c.labels().size());
    }
  }

  /** Whether case {@code name} can be generated at one reading per {@code interval}. */
  static boolean supports(String name, Duration interval) {
    return !FAST_CASES.contains(name) || interval.toSeconds() <= 60;
  }

  /** The case {@code name} of {@link #CASES}; the same arguments give the same case. */
  static Case generate(String name, long seed, int sensors, Duration span, Duration interval) {
    if (!CASES.contains(name)) {
      throw new IllegalArgumentException("case must be one of " + CASES + ", got " + name);
    }
    if (!supports(name, interval)) {
      throw new IllegalArgumentException(
          name + " needs one reading a minute or faster, got one per " + interval);
    }
    List<Reading> readings = new ArrayList<>();
    List<LabelWindow> labels = new ArrayList<>();
    Map<String, SensorProfile> profiles = new LinkedHashMap<>();
    int n = (int) (span.toMillis() / interval.toMillis());
    for (int s = 1; s <= sensors; s++) {
      Random random = new Random(seed * 1_000_003L + CASES.indexOf(name) * 1_009L + s);
      String sensor = name + "-" + s;
      SensorProfile profile = profile(name, s);
      profiles.put(sensor, profile);
      if (profile == SensorProfile.CUSTOM) {
        Trace trace = new Trace(n, interval, random);
        inject(name, trace, random, sensor, labels);
        for (int i = 0; i < n; i++) {
          readings.add(reading(sensor, i, trace.time(i), trace.value[i], trace.quality[i]));
        }
      } else {
        ColdTrace trace = new ColdTrace(profile, n, interval, random);
        List<Episode> episodes = coldPattern(name, trace, random);
        trace.quantise();
        ColdPatterns.label(trace, episodes, sensor, labels);
        for (int i = 0; i < n; i++) {
          if (trace.present[i]) {
            readings.add(reading(sensor, i, trace.time(i), trace.value[i], trace.quality[i]));
          }
        }
      }
    }
    return new Case(name, readings, labels, profiles);
  }

  /** The profile sensor {@code s} (from 1) of case {@code name} simulates. */
  static SensorProfile profile(String name, int s) {
    return switch (name) {
      case "defrost" -> SensorProfile.FREEZER;
      case "door", "powercut", "swap" -> SensorProfile.FRIDGE;
      case "compressor" -> s % 2 == 1 ? SensorProfile.FRIDGE : SensorProfile.FREEZER;
      default -> SensorProfile.CUSTOM;
    };
  }

  private static List<Episode> coldPattern(String name, ColdTrace trace, Random random) {
    switch (name) {
      case "defrost" -> ColdPatterns.defrost(trace, random);
      case "door" -> ColdPatterns.door(trace, random);
      case "compressor" -> {
        return ColdPatterns.compressor(trace, random);
      }
      case "powercut" -> {
        return ColdPatterns.powercut(trace, random);
      }
      case "swap" -> ColdPatterns.swap(trace, random);
      default -> throw new IllegalArgumentException("no cold pattern " + name);
    }
    return List.of();
  }

  private static Reading reading(String sensor, int seq, Instant ts, double value, Quality q) {
    return q.usable()
        ? Reading.ok("eval", "eval", sensor, seq, ts, value)
        : new Reading(Versions.V1, "eval", "eval", sensor, seq, ts, null, q, null);
  }

  private static void inject(
      String name, Trace trace, Random random, String sensor, List<LabelWindow> labels) {
    double perMin = 60_000.0 / trace.intervalMs;
    int slot =
        switch (name) {
          case "spike" -> 300;
          case "ramp" -> (int) (150 * perMin);
            // At least 100 readings, so that a flatline of 12–20 readings fits at any cadence.
          case "flatline" -> Math.max((int) (330 * perMin), 100);
          case "fault" -> Math.max((int) (5_000_000 / trace.intervalMs), 60);
          default -> 0;
        };
    if (slot == 0) {
      return;
    }
    // Episodes sit one per slot, after a margin that lets the 31-reading baseline settle again.
    int margin = Math.max(slot / 10, Math.min(50, slot / 4));
    for (int at = 0; at + slot <= trace.value.length; at += slot) {
      int from = at + margin + random.nextInt(margin);
      int last =
          switch (name) {
            case "spike" ->
                trace.spike(from, SPIKE_SIZES_C[random.nextInt(4)], 1 + random.nextInt(3));
            case "ramp" -> trace.ramp(from, RAMP_RATES_C_PER_MIN[random.nextInt(4)], random);
            case "flatline" -> trace.flatline(from, flatlineLength(random.nextInt(106), perMin));
            default -> trace.fault(from, 3 + random.nextInt(8), random);
          };
      AlarmKind kind =
          switch (name) {
            case "spike" -> AlarmKind.SPIKE;
            case "ramp" -> AlarmKind.RATE_OF_CHANGE;
            case "flatline" -> AlarmKind.FLATLINE;
            default -> AlarmKind.SENSOR_FAULT;
          };
      labels.add(new LabelWindow(sensor, kind, trace.time(from), trace.time(last)));
    }
  }

  /**
   * A stuck stretch of 75–180 min ({@code draw} of 0..105 picks where), and at least 12–20
   * readings: at 15-min cadence 75 min is five readings, which a slow room can show by chance.
   */
  private static int flatlineLength(int draw, double perMin) {
    return Math.max((int) ((75 + draw) * perMin), 12 + draw * 8 / 105);
  }
}
