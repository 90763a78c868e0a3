package io.heatwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.edge.SimulatedFleet;
import io.heatwatch.edge.SimulatedFleet.FleetSpec;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.SpikePlan;
import io.heatwatch.testkit.ElasticsearchHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet load driver ({@code -Pe2e-load}): many simulated devices through the whole chain at
 * rising rates until Elasticsearch falls behind, then publish → searchable and publish → downlink
 * alarm latency at a fixed load, each against the bare broker path measured in the same run.
 */
class FleetLoadIT {
  private static final int DEVICES = 50;
  private static final int SENSORS = 10;
  private static final int[] RATES = {
    500, 1000, 1500, 2000, 3000, 4000, 6000, 8000, 12000, 16000, 24000
  };
  private static final Duration STEP = Duration.ofSeconds(30);
  private static final Duration GRACE = Duration.ofSeconds(5);
  // Latency is measured far below the sustained rates, so that the probes time the chain, not a
  // queue: when 1,000/s was this chain's ceiling, each probe at 1,000/s waited ~15 s behind it.
  private static final int LATENCY_RATE = 500;
  private static final int PROBES = 200;

  @TempDir static Path dir;

  @Test
  void ceilingAndLatencyAgainstTheBareBroker() throws Exception {
    try (Chain chain = Chain.start(dir.resolve("chain"))) {
      double bareThroughput = BareBroker.throughput(chain.mqttUri(), 50_000);
      ElasticsearchHttp es = new ElasticsearchHttp(chain.elasticsearchUrl());
      List<String> steps = new ArrayList<>();
      double ceiling = 0;
      try (SimulatedFleet fleet =
          SimulatedFleet.connect(
              new FleetSpec("load", "load", DEVICES, SENSORS, 5, SpikePlan.NONE),
              MqttSettings.plain(chain.mqttUri()),
              dir.resolve("fleet"),
              Clock.systemUTC())) {
        for (int rate : RATES) {
          Step step = run(fleet, es, rate, STEP);
          steps.add(step.line());
          System.out.println("e2e load: " + step.line());
          if (!step.sustained()) {
            break;
          }
          ceiling = Math.max(ceiling, step.achieved());
        }
        drain(fleet, es);
        ScheduledExecutorService ticker = tick(fleet, LATENCY_RATE);
        LatencyProbe probe = new LatencyProbe(chain.mqttUri(), chain.elasticsearchUrl());
        try {
          for (int i = 0; i < PROBES; i++) {
            probe.once(i % 5 == 4);
            Thread.sleep(100);
          }
        } finally {
          ticker.shutdownNow();
          probe.close();
        }
        String report = report(bareThroughput, ceiling, steps, probe);
        System.out.println(report);
        ReliabilityReport.replaceSection(
            System.getProperty("heatwatch.e2e.benchmarks", ""), "e2e-load", report);
        assertThat(ceiling).as("highest sustained readings/s").isPositive();
        assertThat(probe.searchableNanos).hasSizeGreaterThan(PROBES * 9 / 10);
        assertThat(probe.alarmNanos).hasSizeGreaterThan(PROBES / 5 * 9 / 10);
      }
    }
  }

  /**
   * Drives {@code fleet} at {@code rate} readings/s for {@code length}, then judges the backlog.
   */
  private static Step run(SimulatedFleet fleet, ElasticsearchHttp es, int rate, Duration length)
      throws InterruptedException {
    long numberedBefore = fleet.published() + fleet.waiting();
    long start = System.nanoTime();
    ScheduledExecutorService ticker = tick(fleet, rate);
    Thread.sleep(length.toMillis());
    ticker.shutdownNow();
    ticker.awaitTermination(30, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    long numbered = fleet.published() + fleet.waiting();
    double achieved = (numbered - numberedBefore) / seconds;
    Thread.sleep(GRACE.toMillis());
    long searchable = es.count("heatwatch-readings-*");
    long backlog = numbered - searchable;
    // Kept up: what was made is searchable within the grace period, give or take one second.
    boolean sustained = backlog <= rate && achieved >= 0.9 * rate;
    return new Step(rate, achieved, backlog, fleet.waiting(), sustained);
  }

  private static ScheduledExecutorService tick(SimulatedFleet fleet, int rate) {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long periodMicros = 1_000_000L * DEVICES * SENSORS / rate;
    ticker.scheduleAtFixedRate(fleet::tickAll, 0, periodMicros, TimeUnit.MICROSECONDS);
    return ticker;
  }

  private static void drain(SimulatedFleet fleet, ElasticsearchHttp es)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline
        && (fleet.waiting() > 0 || es.count("heatwatch-readings-*") < fleet.published())) {
      Thread.sleep(1000);
    }
  }

  private static String report(
      double bare, double ceiling, List<String> steps, LatencyProbe probe) {
    double searchP50 = LatencyProbe.quantileMs(probe.searchableNanos, 0.5);
    double searchP99 = LatencyProbe.quantileMs(probe.searchableNanos, 0.99);
    double alarmP50 = LatencyProbe.quantileMs(probe.alarmNanos, 0.5);
    double alarmP99 = LatencyProbe.quantileMs(probe.alarmNanos, 0.99);
    double bareP50 = LatencyProbe.quantileMs(probe.bareNanos, 0.5);
    double bareP99 = LatencyProbe.quantileMs(probe.bareNanos, 0.99);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Measured %s with `./mvnw -pl e2e verify -Pe2e-load`: HiveMQ CE, Kafka, Connect, the"
                + " Flink MiniCluster, Elasticsearch and %d simulated devices x %d sensors in one"
                + " JVM on this 2-core machine.%n%n",
            LocalDate.now(ZoneOffset.UTC), DEVICES, SENSORS));
    out.append("| rate step | result |\n|---|---|\n");
    steps.forEach(s -> out.append("| ").append(s.replace(" | ", " — ")).append(" |\n"));
    out.append(
        String.format(
            "%n| figure | full chain | bare broker (same run) | ratio |%n|---|---|---|---|%n"
                + "| highest sustained readings/s | %.0f | %.0f msg/s | %.3f |%n"
                + "| p50 publish → searchable in ES (ms) | %.0f | %.1f | %.0fx |%n"
                + "| p99 publish → searchable in ES (ms) | %.0f | %.1f | %.0fx |%n"
                + "| p50 publish → alarm on downlink (ms) | %.0f | %.1f | %.0fx |%n"
                + "| p99 publish → alarm on downlink (ms) | %.0f | %.1f | %.0fx |%n",
            ceiling,
            bare,
            ceiling / bare,
            searchP50,
            bareP50,
            searchP50 / bareP50,
            searchP99,
            bareP99,
            searchP99 / bareP99,
            alarmP50,
            bareP50,
            alarmP50 / bareP50,
            alarmP99,
            bareP99,
            alarmP99 / bareP99));
    out.append(
        String.format(
            "%nLatency: %d probe readings (%d too hot, each raising a HIGH alarm) at a background"
                + " load of %d readings/s; the bare-broker figure is one QoS 1 message publisher →"
                + " subscriber timed right before each probe.%n",
            probe.searchableNanos.size(), probe.alarmNanos.size(), LATENCY_RATE));
    return out.toString();
  }

  private record Step(int rate, double achieved, long backlog, long waiting, boolean sustained) {
    String line() {
      return String.format(
          "target %d readings/s | achieved %.0f/s, backlog %d after %d s grace, %d in outboxes"
              + " → %s",
          rate,
          achieved,
          backlog,
          GRACE.toSeconds(),
          waiting,
          sustained ? "sustained" : "not sustained");
    }
  }
}
