package io.heatwatch.job.eval;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Versions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a labelled corpus for {@link EvaluateDetection}: per case, {@code CASE.csv} and {@code
 * CASE.labels.json}. Each sensor is a cold store (4–8 °C, so +25 °C spikes stay below the HIGH
 * threshold) with a diurnal cycle, a linear drift and Gaussian noise quantised to the DS18B20's
 * 0.0625 °C, plus isolated single CRC errors (about 4 a day, unlabelled: they are no fault burst).
 * Cases: {@code clean} (nothing injected), {@code spike} (+3/+5/+10/+25 °C for 1–3 readings),
 * {@code ramp} (1.5–5 °C/min up, then back down), {@code flatline} (stuck 75–180 min) and {@code
 * fault} (3–10 value-less readings in a row).
 *
 * <pre>CorpusGenerator --seed N --out DIR [--sensors 2] [--days 7] [--interval-s 10]</pre>
 */
public final class CorpusGenerator {
  /** The cases, in the order they are written. */
  static final List<String> CASES = List.of("clean", "spike", "ramp", "flatline", "fault");

  static final double STEP_C = 0.0625;
  static final double[] SPIKE_SIZES_C = {3, 5, 10, 25};
  static final double[] RAMP_RATES_C_PER_MIN = {1.5, 2, 3, 5};
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  /** One generated case: every sensor's readings, in time order per sensor, and its labels. */
  record Case(String name, List<Reading> readings, List<LabelWindow> labels) {}

  private CorpusGenerator() {}

  public static void main(String[] args) throws IOException {
    Long seed = null;
    Path out = null;
    int sensors = 2;
    int days = 7;
    int intervalS = 10;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--sensors" -> sensors = Integer.parseInt(args[i + 1]);
        case "--days" -> days = Integer.parseInt(args[i + 1]);
        case "--interval-s" -> intervalS = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (seed == null || out == null) {
      System.err.println("usage: CorpusGenerator --seed N --out DIR [--sensors 2] [--days 7]");
      System.exit(2);
    }
    Files.createDirectories(out);
    for (String name : CASES) {
      Case c = generate(name, seed, sensors, Duration.ofDays(days), Duration.ofSeconds(intervalS));
      try (Writer w = Files.newBufferedWriter(out.resolve(name + ".csv"), StandardCharsets.UTF_8)) {
        SeriesCsv.write(w, c.readings());
      }
      Labels.write(out.resolve(name + ".labels.json"), c.labels());
      System.out.printf(
          "%s: %d readings, %d labels%n", name, c.readings().size(), c.labels().size());
    }
  }

  /** The case {@code name} of {@link #CASES}; the same arguments give the same case. */
  static Case generate(String name, long seed, int sensors, Duration span, Duration interval) {
    if (!CASES.contains(name)) {
      throw new IllegalArgumentException("case must be one of " + CASES + ", got " + name);
    }
    List<Reading> readings = new ArrayList<>();
    List<LabelWindow> labels = new ArrayList<>();
    int n = (int) (span.toMillis() / interval.toMillis());
    for (int s = 1; s <= sensors; s++) {
      Random random = new Random(seed * 1_000_003L + CASES.indexOf(name) * 1_009L + s);
      String sensor = name + "-" + s;
      Trace trace = new Trace(n, interval, random);
      inject(name, trace, random, sensor, labels);
      for (int i = 0; i < n; i++) {
        Instant ts = trace.time(i);
        readings.add(
            trace.quality[i].usable()
                ? Reading.ok("eval", "eval", sensor, i, ts, trace.value[i])
                : new Reading(
                    Versions.V1, "eval", "eval", sensor, i, ts, null, trace.quality[i], null));
      }
    }
    return new Case(name, readings, labels);
  }

  private static void inject(
      String name, Trace trace, Random random, String sensor, List<LabelWindow> labels) {
    double perMin = 60_000.0 / trace.intervalMs;
    int slot =
        switch (name) {
          case "spike" -> 300;
          case "ramp" -> (int) (150 * perMin);
          case "flatline" -> (int) (330 * perMin);
          case "fault" -> 500;
          default -> 0;
        };
    if (slot == 0) {
      return;
    }
    // Episodes sit one per slot, after a margin that lets the 31-reading baseline settle again.
    int margin = Math.max(50, slot / 10);
    for (int at = 0; at + slot <= trace.value.length; at += slot) {
      int from = at + margin + random.nextInt(margin);
      int last =
          switch (name) {
            case "spike" ->
                trace.spike(from, SPIKE_SIZES_C[random.nextInt(4)], 1 + random.nextInt(3));
            case "ramp" -> trace.ramp(from, RAMP_RATES_C_PER_MIN[random.nextInt(4)], random);
            case "flatline" -> trace.flatline(from, (int) ((75 + random.nextInt(106)) * perMin));
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

  /** One sensor's values and qualities, built up by the generator. */
  private static final class Trace {
    final long intervalMs;
    final double[] value;
    final Quality[] quality;

    Trace(int n, Duration interval, Random random) {
      intervalMs = interval.toMillis();
      value = new double[n];
      quality = new Quality[n];
      double base = 4 + 4 * random.nextDouble();
      double amplitude = 0.5 + 1.5 * random.nextDouble();
      double phase = 2 * Math.PI * random.nextDouble();
      double drift = (random.nextDouble() * 2 - 1) / n;
      double sigma = 0.03 + 0.09 * random.nextDouble();
      double faultChance = 4.0 / (86_400_000.0 / intervalMs);
      for (int i = 0; i < n; i++) {
        double day = i * intervalMs / 86_400_000.0;
        double x =
            base
                + amplitude * Math.sin(2 * Math.PI * day + phase)
                + drift * i
                + sigma * random.nextGaussian();
        value[i] = quantise(x);
        quality[i] = random.nextDouble() < faultChance ? Quality.CRC_ERROR : Quality.OK;
      }
    }

    Instant time(int i) {
      return START.plusMillis(i * intervalMs);
    }

    int spike(int from, double size, int length) {
      for (int i = from; i < from + length; i++) {
        value[i] += size;
        quality[i] = Quality.OK;
      }
      return from + length - 1;
    }

    /** Up at {@code rate} for 2.5–6 min (at most 12 °C), then down at the same rate. */
    int ramp(int from, double ratePerMin, Random random) {
      double perReading = ratePerMin * intervalMs / 60_000.0;
      double minutes = Math.min(2.5 + 3.5 * random.nextDouble(), 12 / ratePerMin);
      int up = (int) Math.round(minutes * 60_000 / intervalMs);
      for (int i = 0; i < 2 * up; i++) {
        int steps = i < up ? i + 1 : 2 * up - i - 1;
        value[from + i] = quantise(value[from + i] + steps * perReading);
      }
      return from + 2 * up - 1;
    }

    int flatline(int from, int length) {
      for (int i = from; i < from + length; i++) {
        value[i] = value[from - 1];
        quality[i] = Quality.OK;
      }
      return from + length - 1;
    }

    int fault(int from, int length, Random random) {
      for (int i = from; i < from + length; i++) {
        quality[i] = random.nextBoolean() ? Quality.CRC_ERROR : Quality.DISCONNECTED;
      }
      return from + length - 1;
    }

    private static double quantise(double x) {
      return Math.round(x / STEP_C) * STEP_C;
    }
  }
}
