package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.sensor.SensorHarness;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Thresholds;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Duration-based detection (FLATLINE, the minimum duration of HIGH) across device clock steps: a Pi
 * that boots with an old saved time and is stepped by NTP, or reads before its clock is synced.
 */
class ClockStepTest {
  private static final long HOUR_S = 3600;
  // HIGH 35, FLATLINE after 1 h, HIGH/LOW/RATE only after 10 min
  private static final Thresholds TEN_MINUTES =
      Thresholds.DEFAULTS.withMinDuration(Duration.ofMinutes(10));

  private long seq;

  @Test
  void aStuckValueAcrossAForwardClockStepIsNoFlatline() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      readEvery10s(h, 0, 600, 20.0);
      // power cut, boot with the saved time, NTP steps the clock 2 h ahead: same value
      readEvery10s(h, 2 * HOUR_S + 600, 2 * HOUR_S + 900, 20.0);
      assertThat(h.alarms(AlarmKind.FLATLINE)).isEmpty();
    }
  }

  @Test
  void aStuckValueForLongerThanTheLimitIsStillAFlatline() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      readEvery10s(h, 0, HOUR_S + 60, 20.0);
      assertThat(h.alarms(AlarmKind.FLATLINE))
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN);
    }
  }

  @Test
  void aPendingHighDoesNotSkipItsMinimumDurationAcrossAForwardClockStep() throws Exception {
    try (SensorHarness h = new SensorHarness(TEN_MINUTES)) {
      readEvery10s(h, 0, 60, 40.0);
      readEvery10s(h, 2 * HOUR_S, 2 * HOUR_S + 60, 40.0);
      assertThat(h.alarms(AlarmKind.HIGH)).isEmpty();
      // held for 10 min of steady time after the step: now it opens, from the step on
      readEvery10s(h, 2 * HOUR_S + 60, 2 * HOUR_S + 610, 40.0);
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::state, a -> a.openedAt().getEpochSecond() - h0())
          .containsExactly(tuple(AlarmState.OPEN, 2 * HOUR_S));
    }
  }

  @Test
  void aPendingHighDoesNotSkipItsMinimumDurationAcrossABackwardClockStep() throws Exception {
    try (SensorHarness h = new SensorHarness(TEN_MINUTES)) {
      readEvery10s(h, 2 * HOUR_S, 2 * HOUR_S + 60, 40.0);
      // stepped back 2 h: the pending time would be in the future and never be reached
      readEvery10s(h, 0, 610, 40.0);
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::state, a -> a.openedAt().getEpochSecond() - h0())
          .containsExactly(tuple(AlarmState.OPEN, 0L));
    }
  }

  @Test
  void readingsTakenBeforeTheClockWasSyncedDoNotCountAsDuration() throws Exception {
    try (SensorHarness h = new SensorHarness(TEN_MINUTES)) {
      for (long s = 0; s <= HOUR_S + 600; s += 10) {
        h.read(ok("pi", "t1", ++seq, s, 20.0).withClockUnsynced(true));
      }
      for (long s = 0; s <= 610; s += 10) {
        h.read(ok("pi", "t2", ++seq, s, 40.0).withClockUnsynced(true));
      }
      assertThat(h.alarms(AlarmKind.FLATLINE)).isEmpty();
      assertThat(h.alarms(AlarmKind.HIGH)).isEmpty();
    }
  }

  private void readEvery10s(SensorHarness h, long fromS, long untilS, double tempC)
      throws Exception {
    for (long s = fromS; s < untilS; s += 10) {
      h.read(ok("pi", "t1", ++seq, s, tempC));
    }
  }

  private static long h0() {
    return io.heatwatch.job.TestReadings.T0.getEpochSecond();
  }
}
