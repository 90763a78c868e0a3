package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.job.parse.ParsedRecordTimestamps;
import io.heatwatch.job.sensor.SensorHarness;
import io.heatwatch.model.Reading;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/**
 * A device whose clock is fast shares a source partition with a correct one: the source's
 * timestamps and watermarks (the job's assigner and Flink's bounded out-of-orderness generator, on
 * a fake clock) feed the per-sensor operator.
 */
class ClockSkewTest {
  private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(10);
  private static final long T = T0.toEpochMilli();

  private long now;
  private final ParsedRecordTimestamps timestamps =
      new ParsedRecordTimestamps(() -> now, OUT_OF_ORDERNESS, null);
  private final BoundedOutOfOrdernessWatermarks<ParsedRecord> watermarks =
      new BoundedOutOfOrdernessWatermarks<>(OUT_OF_ORDERNESS);

  @Test
  void aDeviceThreeMinutesFastDoesNotMakeACorrectDevicesReadingsLate() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      for (int s = 0; s < 180; s += 10) {
        now = T + s * 1000L + 500; // each reading arrives half a second after it was taken
        read(h, ok("pi-right", "t1", s + 1, s, 20.0));
        read(h, ok("pi-fast", "t1", s + 1, s + 180, 30.0));
        emitWatermark(h);
      }
      h.watermark(T + 10 * 60_000);

      assertThat(h.stored())
          .filteredOn(r -> r.reading().deviceId().equals("pi-right"))
          .extracting(StoredReading::late)
          .containsOnly(false);
      assertThat(h.metrics())
          .filteredOn(m -> m.deviceId().equals("pi-right"))
          .extracting(SensorMetrics::windowStart, SensorMetrics::count)
          .containsExactlyInAnyOrder(
              tuple(T0, 6L), tuple(T0.plusSeconds(60), 6L), tuple(T0.plusSeconds(120), 6L));
      // the fast device's readings are counted at their arrival and stored with their own ts
      assertThat(h.metrics())
          .filteredOn(m -> m.deviceId().equals("pi-fast"))
          .extracting(SensorMetrics::count)
          .containsExactly(6L, 6L, 6L);
      assertThat(h.stored())
          .filteredOn(r -> r.reading().deviceId().equals("pi-fast"))
          .first()
          .extracting(r -> r.reading().ts())
          .isEqualTo(T0.plusSeconds(180));
    }
  }

  /**
   * Review 6.2: a reading stamped far ahead must not open a minute (and its event-time timer) at
   * its own time, which no watermark reaches, and so keep the sensor's state for ever. Through the
   * job's own assigner: the minute is the arrival's, it closes with the watermark, and the sensor
   * is forgotten after the dedupe TTL like any other.
   */
  @Test
  void aReadingStampedAYearAheadKeepsNoMinuteTimerOrStateBeyondTheNormalBound() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      now = T + 10_000;
      h.harness.setProcessingTime(now);
      read(h, ok("pi-wrong", "t1", 1, 10 + 365L * 24 * 3600, 20.0));
      emitWatermark(h);
      assertThat(h.harness.numEventTimeTimers()).isEqualTo(1);

      now = T + 2 * 60_000;
      h.harness.setProcessingTime(now);
      read(h, ok("pi-right", "t1", 1, 120, 20.0));
      emitWatermark(h);

      assertThat(h.metrics())
          .filteredOn(m -> m.deviceId().equals("pi-wrong"))
          .extracting(SensorMetrics::windowStart, SensorMetrics::count)
          .containsExactly(tuple(T0, 1L));
      assertThat(h.harness.numEventTimeTimers()).isEqualTo(1); // pi-right's open minute only
      h.harness.setProcessingTime(T + 10_000 + SensorHarness.TTL.toMillis());
      assertThat(h.harness.numProcessingTimeTimers()).isEqualTo(1); // pi-right's forget check
      h.harness.setProcessingTime(now + SensorHarness.TTL.toMillis());
      h.watermark(T + 3 * 60_000);
      assertThat(h.stateEntries()).isZero();
      assertThat(h.harness.numEventTimeTimers()).isZero();
      assertThat(h.harness.numProcessingTimeTimers()).isZero();
    }
  }

  private void read(SensorHarness h, Reading reading) throws Exception {
    ParsedRecord record = ParsedRecord.of(reading);
    long timestamp = timestamps.extractTimestamp(record, 0);
    watermarks.onEvent(record, timestamp, null);
    h.read(reading, timestamp);
  }

  private void emitWatermark(SensorHarness h) {
    watermarks.onPeriodicEmit(
        new WatermarkOutput() {
          @Override
          public void emitWatermark(Watermark watermark) {
            try {
              h.watermark(watermark.getTimestamp());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }

          @Override
          public void markIdle() {}

          @Override
          public void markActive() {}
        });
  }
}
