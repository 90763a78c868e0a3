package io.heatwatch.job.bench;

import io.heatwatch.job.detect.SensorDetection;
import io.heatwatch.job.detect.SensorState;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;
import io.heatwatch.testkit.Machine;
import java.time.Instant;
import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The per-sensor detectors' work per reading ({@link SensorDetection#onReading}), without Flink:
 * the part of the per-sensor operator that issue 19 made dearer. A JMH benchmark over a {@code
 * HashMap}-sized population of sensors, each reading going to the next sensor in turn as a keyed
 * stream interleaves them, so a sensor's state is as cold in the cache as it is in the job.
 *
 * <p>Two inputs ({@code workload}): {@code sawtooth} is {@code PipelineBenchmark}'s (one reading a
 * second, rising 0.1 °C a reading and falling back every 50: RATE_OF_CHANGE open throughout, a drop
 * every 50 readings), {@code steady} a cold room's (one reading every 10 s, a random walk of
 * DS18B20 steps around 4 °C: no alarm). Two sets of detectors ({@code detectors}): the defaults,
 * and HIGH and LOW only, the baseline measured in the same run.
 *
 * <p>Run: {@code java -cp <cloud-job test classpath> io.heatwatch.job.bench.DetectionBenchmark
 * [forks, default 2]}; it prints each figure in ns per reading, the ratio of the defaults to the
 * baseline per workload, and the machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx2g")
public class DetectionBenchmark {
  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

  @Param({"sawtooth", "steady"})
  public String workload;

  @Param({"defaults", "thresholds"})
  public String detectors;

  @Param({"10000"})
  public int sensors;

  private SensorDetection detection;
  private SensorState[] states;
  private String[] deviceIds;
  private double[] values;
  private Thresholds thresholds;
  private SplittableRandom random;
  private long seq;
  private int next;
  private long cadenceMs;
  private long emitted;
  private final Consumer<Alarm> out = alarm -> emitted++;

  @Setup
  public void setUp() {
    detection = new SensorDetection();
    states = new SensorState[sensors];
    deviceIds = new String[sensors];
    values = new double[sensors];
    for (int i = 0; i < sensors; i++) {
      states[i] = new SensorState();
      deviceIds[i] = "pi-" + i;
      values[i] = 4.0;
    }
    thresholds =
        detectors.equals("defaults")
            ? Thresholds.DEFAULTS
            : Thresholds.DEFAULTS.withDetectors(EnumSet.of(AlarmKind.HIGH, AlarmKind.LOW));
    cadenceMs = workload.equals("sawtooth") ? 1_000 : 10_000;
    random = new SplittableRandom(19);
    seq = 1;
    // Fill every sensor's ring first, so that the measurement sees sensors with a history.
    for (int i = 0; i < sensors * (SensorState.WINDOW + 1); i++) {
      reading();
    }
  }

  /** Judges the next reading: the next sensor's, in turn. */
  @Benchmark
  public long reading() {
    int i = next;
    double value;
    if (workload.equals("sawtooth")) {
      value = 20.0 + (seq % 50) / 10.0;
    } else {
      int step = random.nextInt(5) - 2; // a DS18B20 step either way, mostly none
      values[i] = Math.max(2.0, Math.min(6.0, values[i] + (step / 2) * 0.0625));
      value = values[i];
    }
    Reading reading =
        Reading.ok("bench", deviceIds[i], "t1", seq, T0.plusMillis(seq * cadenceMs), value);
    detection.onReading(states[i], reading, thresholds, out);
    if (++next == sensors) {
      next = 0;
      seq++;
    }
    return emitted;
  }

  public static void main(String[] args) throws Exception {
    int forks = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    var results =
        new Runner(
                new OptionsBuilder()
                    .include(DetectionBenchmark.class.getName() + ".reading")
                    .forks(forks)
                    .build())
            .run();
    System.out.println();
    for (String workload : new String[] {"sawtooth", "steady"}) {
      double all = score(results, workload, "defaults");
      double base = score(results, workload, "thresholds");
      System.out.printf(
          "%-8s  default detectors %.1f ns/reading, HIGH and LOW only %.1f ns/reading:"
              + " ratio %.2f%n",
          workload, all, base, all / base);
    }
    System.out.println(Machine.describe());
  }

  private static double score(
      java.util.Collection<RunResult> results, String workload, String detectors) {
    return results.stream()
        .filter(r -> workload.equals(r.getParams().getParam("workload")))
        .filter(r -> detectors.equals(r.getParams().getParam("detectors")))
        .mapToDouble(r -> r.getPrimaryResult().getScore())
        .findFirst()
        .orElseThrow();
  }
}
