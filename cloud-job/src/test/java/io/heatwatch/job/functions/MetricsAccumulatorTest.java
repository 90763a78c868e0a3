package io.heatwatch.job.functions;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.model.Reading;
import org.junit.jupiter.api.Test;

class MetricsAccumulatorTest {
  @Test
  void computesCountMinMaxMeanAndPopulationStddev() {
    MetricsAccumulator stats =
        fold(
            ok("pi-a", "t1", 1, 10, 20.0),
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
  void aSingleValueHasNoSpread() {
    assertThat(fold(ok("pi-a", "t1", 1, 0, 21.0)).stddev()).isZero();
  }

  @Test
  void becomesMetricsOfTheMinute() {
    MetricsAccumulator stats = fold(ok("pi-a", "t1", 1, 10, 20.0), ok("pi-a", "t1", 2, 20, 22.0));

    SensorMetrics metrics = stats.metrics(T0, T0.plusSeconds(60));

    assertThat(metrics.windowStart()).isEqualTo(T0);
    assertThat(metrics.windowEnd()).isEqualTo(T0.plusSeconds(60));
    assertThat(metrics.avg()).isEqualTo(21.0);
    assertThat(metrics.stddev()).isEqualTo(1.0);
    assertThat(metrics.firstTs()).isEqualTo(T0.plusSeconds(10));
    assertThat(metrics.id()).isEqualTo("pi-a:t1:" + T0.toEpochMilli());
    assertThat(metrics.site()).isEqualTo("home");
  }

  private static MetricsAccumulator fold(Reading... readings) {
    MetricsAccumulator accumulator = MetricsAccumulator.empty();
    for (Reading reading : readings) {
      accumulator = accumulator.add(reading, reading.tempC());
    }
    return accumulator;
  }

  @Test
  void aMinutesFirstAndLastTsStayInsideItsWindowWhenAReadingWasCountedAtItsClampedTime() {
    // The job counts a reading stamped far ahead in the minute of its arrival (its clamped event
    // time), so the device ts of a reading in the minute can lie outside it.
    java.time.Instant start = T0.plusSeconds(60);
    java.time.Instant end = start.plusSeconds(60);
    SensorMetrics metrics =
        fold(ok("pi-a", "t1", 1, 70, 20.0), ok("pi-a", "t1", 2, 3_600, 21.0)).metrics(start, end);

    assertThat(metrics.firstTs()).isEqualTo(T0.plusSeconds(70));
    assertThat(metrics.lastTs()).isBetween(start, end.minusMillis(1));
  }
}
