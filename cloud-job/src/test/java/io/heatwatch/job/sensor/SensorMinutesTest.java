package io.heatwatch.job.sensor;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.faulty;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Thresholds;
import java.time.Instant;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** Late marking and the 1-minute metrics of {@link SensorFunction}. */
class SensorMinutesTest {
  // T0 is on a minute boundary
  private static final long MINUTE = 60_000;
  private static final long T = T0.toEpochMilli();

  @Test
  void marksReadingsAtOrBehindTheWatermarkLateAndStampsProcessingTime() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.harness.setProcessingTime(1_000);
      h.watermark(T + 30_000);
      h.read(ok("pi-a", "t1", 1, 0, 20.0));
      h.read(ok("pi-a", "t1", 2, 30, 20.0));
      h.read(ok("pi-a", "t1", 3, 31, 20.0));

      assertThat(h.stored())
          .extracting(r -> r.reading().seq(), StoredReading::late, StoredReading::ingestedAt)
          .containsExactly(
              tuple(1L, true, Instant.ofEpochMilli(1_000)),
              tuple(2L, true, Instant.ofEpochMilli(1_000)),
              tuple(3L, false, Instant.ofEpochMilli(1_000)));
    }
  }

  @Test
  void aMinuteIsEmittedWhenTheWatermarkPassesItsEndWithItsOkReadingsOnly() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.read(ok("pi-a", "t1", 1, 10, 20.0));
      h.read(faulty("pi-a", "t1", 2, 15, Quality.CRC_ERROR));
      h.read(ok("pi-a", "t1", 3, 20, 24.0));
      h.read(ok("pi-a", "t1", 4, 5, 22.0));
      h.read(ok("pi-a", "t1", 5, 61, 30.0));
      h.watermark(T + MINUTE - 2);
      assertThat(h.metrics()).isEmpty();

      h.watermark(T + MINUTE - 1);
      assertThat(h.metrics())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.windowStart()).isEqualTo(T0);
                assertThat(m.windowEnd()).isEqualTo(T0.plusSeconds(60));
                assertThat(m.count()).isEqualTo(3);
                assertThat(m.min()).isEqualTo(20.0);
                assertThat(m.max()).isEqualTo(24.0);
                assertThat(m.avg()).isEqualTo(22.0);
                assertThat(m.firstTs()).isEqualTo(T0.plusSeconds(5));
                assertThat(m.lastTs()).isEqualTo(T0.plusSeconds(20));
                assertThat(m.id()).isEqualTo("pi-a:t1:" + T);
              });

      h.watermark(T + 2 * MINUTE);
      assertThat(h.metrics())
          .extracting(SensorMetrics::windowStart, SensorMetrics::count)
          .containsExactly(tuple(T0, 3L), tuple(T0.plusSeconds(60), 1L));
    }
  }

  @Test
  void aReadingStampedInTheFutureCountsInTheMinuteOfItsClampedTimeAndIsForgotten()
      throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.harness.setProcessingTime(T);
      // a device a year ahead: the source clamps its event time to the arrival time
      h.read(ok("pi-a", "t1", 1, 365L * 24 * 3600, 20.0), T + 10_000);
      h.watermark(T + MINUTE - 1);

      assertThat(h.metrics())
          .extracting(SensorMetrics::windowStart, SensorMetrics::count)
          .containsExactly(tuple(T0, 1L));
      assertThat(h.stored())
          .extracting(r -> r.reading().ts())
          .containsExactly(T0.plusSeconds(365L * 24 * 3600));
      h.harness.setProcessingTime(T + SensorHarness.TTL.toMillis());
      assertThat(h.stateEntries()).isZero();
    }
  }

  @Test
  void aLateReadingForAClosedMinuteReEmitsThatMinuteWithEveryReadingOfIt() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.harness.setProcessingTime(0);
      h.read(ok("pi-a", "t1", 1, 50, 20.0));
      h.watermark(T + 55_000);
      h.read(ok("pi-a", "t1", 2, 40, 22.0)); // late, its minute still open
      h.watermark(T + MINUTE + 5_000);
      h.read(ok("pi-a", "t1", 3, 45, 40.0)); // late, its minute closed
      h.harness.setProcessingTime(SensorMinutes.LATE_FLUSH.toMillis());
      h.watermark(T + 3 * MINUTE);

      assertThat(h.metrics())
          .extracting(
              SensorMetrics::id,
              SensorMetrics::count,
              SensorMetrics::max,
              SensorMetrics::avg,
              SensorMetrics::firstTs,
              SensorMetrics::lastTs)
          .containsExactly(
              tuple("pi-a:t1:" + T, 2L, 22.0, 21.0, T0.plusSeconds(40), T0.plusSeconds(50)),
              tuple(
                  "pi-a:t1:" + T,
                  3L,
                  40.0,
                  (20.0 + 22.0 + 40.0) / 3,
                  T0.plusSeconds(40),
                  T0.plusSeconds(50)));
      assertThat(h.stored()).extracting(StoredReading::late).containsExactly(false, true, true);
    }
  }

  @Test
  void aStoreAndForwardBacklogGetsTheMetricsOfEveryMinuteItCovers() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.harness.setProcessingTime(0);
      // on time until 0:30, then the device is cut off for two hours
      h.read(ok("pi-a", "t1", 1, 10, 20.0));
      h.read(ok("pi-a", "t1", 2, 20, 20.0));
      h.watermark(T + 2 * 3600_000L); // other devices move event time on
      assertThat(h.metrics())
          .extracting(SensorMetrics::windowStart, SensorMetrics::count)
          .containsExactly(tuple(T0, 2L));

      // the reconnected device sends its outbox: 0:30 .. 2:30, one reading every 30 s
      long seq = 3;
      for (long s = 30; s < 3 * MINUTE / 1000; s += 30) {
        h.read(ok("pi-a", "t1", seq++, s, 10.0 + s / 30));
      }
      assertThat(h.metrics()).hasSize(1); // nothing until the flush
      h.harness.setProcessingTime(SensorMinutes.LATE_FLUSH.toMillis());

      assertThat(h.metrics())
          .extracting(SensorMetrics::windowStart, SensorMetrics::count, SensorMetrics::max)
          .containsExactly(
              tuple(T0, 2L, 20.0),
              tuple(T0, 3L, 20.0), // the minute that was cut, now whole
              tuple(T0.plusSeconds(60), 2L, 13.0),
              tuple(T0.plusSeconds(120), 2L, 15.0));
      assertThat(h.stored()).hasSize(2 + 5);
    }
  }

  @Test
  void aLateReadingForAMinuteWhoseStatisticsAreNoLongerKeptIsCountedAsNotInMetrics()
      throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.harness.setProcessingTime(0);
      long seq = 1;
      // on-time minutes 0..9, each closed and emitted
      for (int m = 0; m < 10; m++) {
        h.read(ok("pi-a", "t1", seq++, m * 60L + 10, 20.0));
        h.watermark(T + (m + 1) * MINUTE);
      }
      assertThat(h.metrics()).hasSize(10);
      // a reading of minute 0 that arrives now: its document exists, its statistics are gone
      h.read(ok("pi-a", "t1", seq++, 30, 99.0));
      h.harness.setProcessingTime(SensorMinutes.LATE_FLUSH.toMillis());

      assertThat(h.metrics()).hasSize(10); // its document is not overwritten with a part
      assertThat(h.stored()).hasSize(11);
    }
  }

  @Test
  void lateMinutesWaitingToBeEmittedSurviveARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (SensorHarness h = new SensorHarness()) {
      h.harness.setProcessingTime(0);
      h.read(ok("pi-a", "t1", 1, 10, 20.0));
      h.watermark(T + MINUTE);
      h.read(ok("pi-a", "t1", 2, 20, 30.0));
      snapshot = h.harness.snapshot(1, 1);
    }
    try (SensorHarness h = new SensorHarness(Thresholds.DEFAULTS, snapshot)) {
      h.harness.setProcessingTime(SensorMinutes.LATE_FLUSH.toMillis());
      assertThat(h.metrics())
          .extracting(SensorMetrics::count, SensorMetrics::avg)
          .containsExactly(tuple(2L, 25.0));
    }
  }

  @Test
  void aMinuteOfFaultyReadingsEmitsNothing() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.read(faulty("pi-a", "t1", 1, 10, Quality.DISCONNECTED));
      h.watermark(T + 5 * MINUTE);
      assertThat(h.metrics()).isEmpty();
    }
  }

  @Test
  void anOpenMinuteSurvivesARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (SensorHarness h = new SensorHarness()) {
      h.read(ok("pi-a", "t1", 1, 10, 20.0));
      snapshot = h.harness.snapshot(1, 1);
    }
    try (SensorHarness h = new SensorHarness(Thresholds.DEFAULTS, snapshot)) {
      h.read(ok("pi-a", "t1", 2, 20, 30.0));
      h.watermark(T + MINUTE);
      assertThat(h.metrics())
          .extracting(SensorMetrics::count, SensorMetrics::avg)
          .containsExactly(tuple(2L, 25.0));
    }
  }
}
