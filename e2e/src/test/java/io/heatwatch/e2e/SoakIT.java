package io.heatwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.e2e.SoakSampler.Sample;
import io.heatwatch.edge.Agent;
import io.heatwatch.edge.SimulatedFleet;
import io.heatwatch.edge.SimulatedFleet.FleetSpec;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.SpikePlan;
import io.heatwatch.model.Durations;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak ({@code -Pe2e-soak -Dsoak.duration="1 h"}): the 2,500-device row of the scale table,
 * 1,000 readings/s, through the whole chain for a while, sampling memory, consumer lag, checkpoints
 * and index growth; writes a CSV, PNG plots and a table.
 */
class SoakIT {
  // 1,000 readings/s as 50 devices x 10 sensors read twice a second: the fleet load driver's shape
  // (sustained 1,000/s there); 100 devices x 10 sensors at 1 Hz numbered only ~800/s on 2 cores.
  private static final int DEVICES = 50;
  private static final int SENSORS = 10;
  private static final Duration PERIOD = Duration.ofMillis(500);
  private static final int RATE = DEVICES * SENSORS * 1000 / (int) PERIOD.toMillis();
  private static final int TICK_THREADS = 4;

  @TempDir static Path dir;

  /** The JVM's memory options and the malloc it runs on, for the table's header. */
  private static String memorySetup() throws Exception {
    String flags =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-Xm") || a.startsWith("-XX:"))
            .collect(Collectors.joining(" "));
    boolean jemalloc =
        Files.readAllLines(Path.of("/proc/self/maps")).stream()
            .anyMatch(l -> l.contains("libjemalloc"));
    String arenas = System.getenv("MALLOC_ARENA_MAX");
    return "`"
        + flags
        + "`, "
        + (jemalloc
            ? "jemalloc (LD_PRELOAD, as Flink's Docker image runs)"
            : "glibc malloc" + (arenas == null ? "" : " with MALLOC_ARENA_MAX=" + arenas));
  }

  @Test
  void thousandReadingsPerSecondStayFlat() throws Exception {
    Duration duration =
        Durations.parse("soak.duration", System.getProperty("heatwatch.soak.duration", "1 h"));
    Duration every =
        Durations.parse("soak.sample", System.getProperty("heatwatch.soak.sample", "10 s"));
    Path out = Path.of(System.getProperty("heatwatch.soak.out", "target/soak"));
    Files.createDirectories(out);
    String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
    assertThat(preload.isBlank() || Files.isReadable(Path.of(preload)))
        .as(
            "LD_PRELOAD=%s is not there (apt-get install -y libjemalloc2, or -Dsoak.preload=)",
            preload)
        .isTrue();
    List<Sample> samples = new ArrayList<>();
    try (Chain chain = Chain.start(dir.resolve("chain"));
        SimulatedFleet fleet =
            SimulatedFleet.connect(
                new FleetSpec("soak", "soak", DEVICES, SENSORS, 9, new SpikePlan(30, 600, 25.0)),
                MqttSettings.plain(chain.mqttUri()),
                dir.resolve("fleet"),
                Clock.systemUTC());
        SoakSampler sampler =
            new SoakSampler(
                chain.kafkaBootstrap(),
                chain.flinkUrl(),
                chain.job().getJobID().toHexString(),
                chain.elasticsearchUrl(),
                chain.mqttDataDir())) {
      // Each device ticks on its own schedule, spread over the period as real devices are: one
      // thread ticking all 100 (100 fsync'd outbox transactions in a row) fell behind 1 Hz.
      ScheduledExecutorService ticker = Executors.newScheduledThreadPool(TICK_THREADS);
      List<Agent> agents = fleet.agents();
      for (int i = 0; i < agents.size(); i++) {
        ticker.scheduleAtFixedRate(
            agents.get(i)::tick,
            PERIOD.toMillis() * i / agents.size(),
            PERIOD.toMillis(),
            TimeUnit.MILLISECONDS);
      }
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      try {
        while (System.nanoTime() < end) {
          Thread.sleep(every.toMillis());
          Sample sample =
              sampler.sample((System.nanoTime() - start) / 1e9, fleet.published(), fleet.waiting());
          samples.add(sample);
          System.out.println("soak: " + sample.csv());
        }
      } finally {
        ticker.shutdownNow();
      }
    }
    List<String> csv = new ArrayList<>();
    csv.add(Sample.HEADER);
    samples.forEach(s -> csv.add(s.csv()));
    Files.write(out.resolve("soak.csv"), csv, StandardCharsets.UTF_8);
    SoakPlots.write(samples, out);
    String table = SoakPlots.table(samples, duration, RATE, memorySetup());
    System.out.println(table);
    ReliabilityReport.replaceSection(System.getProperty("heatwatch.e2e.report", ""), "soak", table);

    Sample first = samples.get(0);
    Sample last = samples.get(samples.size() - 1);
    double rate = (last.produced() - first.produced()) / (last.seconds() - first.seconds());
    assertThat(rate).as("readings/s delivered to the broker").isGreaterThan(0.9 * RATE);
    assertThat(last.docs())
        .as("Elasticsearch keeps up: at most a minute of readings behind")
        .isGreaterThan(last.produced() - 60L * RATE);
    // Memory settles once every server has warmed up; from a quarter of the way on it must stay
    // flat: at most 5 % more resident memory at the end (glibc malloc grew ~15 MiB a minute).
    Sample settled = samples.get(samples.size() / 4);
    assertThat(last.rssMb())
        .as("RSS at the end vs %.0f MiB at %.0f s", settled.rssMb(), settled.seconds())
        .isLessThan(settled.rssMb() * 1.05);
  }
}
