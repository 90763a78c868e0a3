package io.heatwatch.job.functions;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.faulty;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import java.util.List;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

class SensorMetricsAggregateTest {
  private final SensorMetricsAggregate aggregate = new SensorMetricsAggregate();

  @Test
  void computesCountMinMaxMeanAndPopulationStddevOfOkValues() {
    MetricsAccumulator stats =
        fold(
            ok("pi-a", "t1", 1, 10, 20.0),
            faulty("pi-a", "t1", 2, 15, Quality.CRC_ERROR),
            ok("pi-a", "t1", 3, 20, 24.0),
            ok("pi-a", "t1", 4, 5, 22.0));

    assertThat(stats.count()).isEqualTo(3);
    assertThat(stats.min()).isEqualTo(20.0);
    assertThat(stats.max()).isEqualTo(24.0);
    assertThat(stats.mean()).isCloseTo(22.0, within(1e-12));
    // population variance of 20, 22, 24 = 8/3
    assertThat(stats.stddev()).isCloseTo(Math.sqrt(8.0 / 3.0), within(1e-12));
    assertThat(stats.firstTs()).isEqualTo(T0.plusSeconds(5).toEpochMilli());
    assertThat(stats.lastTs()).isEqualTo(T0.plusSeconds(20).toEpochMilli());
    assertThat(stats.deviceId()).isEqualTo("pi-a");
    assertThat(stats.sensorId()).isEqualTo("t1");
  }

  @Test
  void staysExactForLongRunsOfNearlyEqualValues() {
    Reading[] readings = new Reading[10_000];
    for (int i = 0; i < readings.length; i++) {
      readings[i] = ok("pi-a", "t1", i, i, i % 2 == 0 ? 100.0 : 100.0625);
    }

    MetricsAccumulator stats = fold(readings);

    assertThat(stats.mean()).isCloseTo(100.03125, within(1e-9));
    assertThat(stats.stddev()).isCloseTo(0.03125, within(1e-9));
  }

  @Test
  void mergingGivesWhatOneFoldGives() {
    List<Reading> readings =
        List.of(
            ok("pi-a", "t1", 1, 1, 18.5),
            ok("pi-a", "t1", 2, 2, 21.0),
            ok("pi-a", "t1", 3, 3, 19.25),
            ok("pi-a", "t1", 4, 4, 30.0),
            ok("pi-a", "t1", 5, 5, 25.5));

    MetricsAccumulator whole = fold(readings.toArray(Reading[]::new));
    MetricsAccumulator merged =
        aggregate.merge(
            fold(readings.subList(0, 2).toArray(Reading[]::new)),
            fold(readings.subList(2, 5).toArray(Reading[]::new)));

    assertThat(merged.count()).isEqualTo(whole.count());
    assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-12));
    assertThat(merged.stddev()).isCloseTo(whole.stddev(), within(1e-12));
    assertThat(merged.min()).isEqualTo(whole.min());
    assertThat(merged.max()).isEqualTo(whole.max());
    assertThat(merged.firstTs()).isEqualTo(whole.firstTs());
    assertThat(merged.lastTs()).isEqualTo(whole.lastTs());
    assertThat(aggregate.merge(aggregate.createAccumulator(), whole)).isEqualTo(whole);
  }

  @Test
  void aSingleValueHasNoSpread() {
    assertThat(fold(ok("pi-a", "t1", 1, 0, 21.0)).stddev()).isZero();
  }

  @Test
  void becomesMetricsOfTheWindow() {
    MetricsAccumulator stats = fold(ok("pi-a", "t1", 1, 10, 20.0), ok("pi-a", "t1", 2, 20, 22.0));
    TimeWindow window = new TimeWindow(T0.toEpochMilli(), T0.plusSeconds(60).toEpochMilli());

    SensorMetrics metrics = SensorMetricsWindow.metrics(stats, window);

    assertThat(metrics.windowStart()).isEqualTo(T0);
    assertThat(metrics.windowEnd()).isEqualTo(T0.plusSeconds(60));
    assertThat(metrics.avg()).isEqualTo(21.0);
    assertThat(metrics.stddev()).isEqualTo(1.0);
    assertThat(metrics.firstTs()).isEqualTo(T0.plusSeconds(10));
    assertThat(metrics.id()).isEqualTo("pi-a:t1:" + T0.toEpochMilli());
    assertThat(metrics.site()).isEqualTo("home");
  }

  private MetricsAccumulator fold(Reading... readings) {
    MetricsAccumulator accumulator = aggregate.createAccumulator();
    for (Reading reading : readings) {
      accumulator = aggregate.add(reading, accumulator);
    }
    return aggregate.getResult(accumulator);
  }
}
