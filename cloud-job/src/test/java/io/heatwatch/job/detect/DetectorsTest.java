package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.faulty;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.sensor.SensorHarness;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Quality;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SPIKE, RATE_OF_CHANGE, FLATLINE and SENSOR_FAULT through the operator harness. */
class DetectorsTest {
  private final SplittableRandom random = new SplittableRandom(7);
  private long seq;

  @Test
  void spikeOpensOnTheFirstSpikeReadingStaysOneAlarmAndClears() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      long t = baseline(h, 30, 22.0);
      h.read(ok("pi", "t1", ++seq, t, 27.0));
      h.read(ok("pi", "t1", ++seq, t + 30, 27.5));
      h.read(ok("pi", "t1", ++seq, t + 60, 22.0));
      assertThat(h.alarms(AlarmKind.SPIKE))
          .extracting(Alarm::state, Alarm::value)
          .containsExactly(tuple(AlarmState.OPEN, 27.0), tuple(AlarmState.CLEARED, 22.0));
      assertThat(h.alarms()).extracting(Alarm::kind).containsOnly(AlarmKind.SPIKE);
    }
  }

  @Test
  void noiseAndASlowTrendAreNoSpike() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      for (int i = 0; i < 2000; i++) {
        h.read(ok("pi", "t1", ++seq, i * 30L, quantise(22 + i * 0.002 + noise())));
      }
      assertThat(h.alarms()).isEmpty();
    }
  }

  @Test
  void aRampIsARateOfChangeNotASpike() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      long t = baseline(h, 30, 22.0);
      for (int i = 1; i <= 20; i++) {
        h.read(ok("pi", "t1", ++seq, t + i * 30L, quantise(22 + i * 0.75 + noise())));
      }
      assertThat(h.alarms(AlarmKind.RATE_OF_CHANGE))
          .first()
          .satisfies(alarm -> assertThat(alarm.value()).isGreaterThan(1.0));
      assertThat(h.alarms(AlarmKind.SPIKE)).isEmpty();
    }
  }

  @Test
  void aSpikeIsCaughtWhenMostNeighbourStepsGoUpButTheLevelDoesNot() throws Exception {
    // Three steps up, one three steps down: the median step between neighbours is a whole
    // quantisation step per reading, though the level stays put.
    int[] steps = {0, 1, 2, 3};
    try (SensorHarness h = new SensorHarness()) {
      for (int i = 0; i < 40; i++) {
        h.read(ok("pi", "t1", ++seq, i * 10L, 6.0 + steps[i % 4] * 0.0625));
      }
      h.read(ok("pi", "t1", ++seq, 400, 9.0));
      assertThat(h.alarms(AlarmKind.SPIKE))
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN);
    }
  }

  @Test
  void aSpikeOfThreeReadingsIsNoRateOfChange() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      for (int i = 0; i < 80; i++) {
        boolean spiked = i >= 40 && i < 43;
        h.read(ok("pi", "t1", ++seq, i * 10L, quantise(6 + (spiked ? 25 : 0) + noise())));
      }
      assertThat(h.alarms(AlarmKind.SPIKE)).isNotEmpty();
      assertThat(h.alarms(AlarmKind.RATE_OF_CHANGE)).isEmpty();
    }
  }

  @Test
  void aStuckValueIsAFlatlineAfterTheLimitAndClearsWhenItMoves() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      for (int i = 0; i <= 120; i++) {
        h.read(ok("pi", "t1", ++seq, i * 30L, 21.5));
      }
      assertThat(h.alarms(AlarmKind.FLATLINE))
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN);
      h.read(ok("pi", "t1", ++seq, 121 * 30L, 21.5625));
      assertThat(h.alarms(AlarmKind.FLATLINE))
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
    }
  }

  @Test
  void aBurstOfFaultyReadingsIsOneSensorFaultUntilTenAreOk() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      long t = baseline(h, 5, 22.0);
      h.read(faulty("pi", "t1", ++seq, t, Quality.CRC_ERROR));
      h.read(ok("pi", "t1", ++seq, t + 30, 22));
      h.read(faulty("pi", "t1", ++seq, t + 60, Quality.DISCONNECTED));
      assertThat(h.alarms(AlarmKind.SENSOR_FAULT)).isEmpty();
      h.read(faulty("pi", "t1", ++seq, t + 90, Quality.POWER_ON_RESET));
      for (int i = 4; i < 13; i++) {
        h.read(ok("pi", "t1", ++seq, t + i * 30L, 22));
      }
      assertThat(h.alarms(AlarmKind.SENSOR_FAULT))
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN);
      h.read(ok("pi", "t1", ++seq, t + 13 * 30L, 22));
      assertThat(h.alarms(AlarmKind.SENSOR_FAULT))
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
    }
  }

  /** {@code n} noisy readings around {@code level}, 30 s apart; returns the next reading's time. */
  private long baseline(SensorHarness h, int n, double level) throws Exception {
    for (int i = 0; i < n; i++) {
      h.read(ok("pi", "t1", ++seq, i * 30L, quantise(level + noise())));
    }
    return n * 30L;
  }

  private double noise() {
    return random.nextGaussian() * 0.05;
  }

  private static double quantise(double value) {
    return Math.round(value / 0.0625) * 0.0625;
  }
}
