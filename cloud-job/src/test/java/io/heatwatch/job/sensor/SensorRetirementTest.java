package io.heatwatch.job.sensor;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.SensorConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A sensor gone for good (replaced by one with a new id) has its alarms cleared with the reason and
 * its state freed: after the retirement period, or at once when an operator retires it.
 */
class SensorRetirementTest {
  private static final long BASE = T0.toEpochMilli();
  private static final Duration RETIRE = Duration.ofHours(1);

  @Test
  void aSensorNotSeenForTheRetirementPeriodHasItsAlarmsClearedAndItsStateFreed() throws Exception {
    try (SensorHarness h = new SensorHarness(RETIRE)) {
      h.harness.setProcessingTime(BASE);
      h.read(ok("pi", "t1", 1, 0, 40));
      h.harness.setProcessingTime(BASE + RETIRE.toMillis() - 1);
      assertThat(h.alarms()).extracting(Alarm::state).containsExactly(AlarmState.OPEN);

      h.harness.setProcessingTime(BASE + RETIRE.toMillis());

      assertThat(h.alarms())
          .extracting(Alarm::kind, Alarm::state, Alarm::message)
          .containsExactly(
              tuple(AlarmKind.HIGH, AlarmState.OPEN, h.alarms().get(0).message()),
              tuple(AlarmKind.HIGH, AlarmState.CLEARED, "t1 retired: not seen since " + T0));
      assertThat(h.alarms().get(1).clearedAt()).isEqualTo(T0.plus(RETIRE));
      // nothing showed the excursion end before the sensor fell silent: it lasts until retirement
      Alarm.Excursion excursion = h.alarms().get(1).excursion();
      assertThat(excursion).isNotNull();
      assertThat(excursion.durationS()).isEqualTo(RETIRE.toSeconds());
      assertThat(excursion.peakC()).isEqualTo(40.0);
      assertThat(excursion.mktC()).isCloseTo(40.0, within(1e-9));
      assertThat(h.stateEntries()).isZero();
    }
  }

  @Test
  void anOperatorRetiresASensorByItsConfigAndItIsWatchedAsNewWhenItReportsAgain() throws Exception {
    try (SensorHarness h = new SensorHarness(RETIRE)) {
      h.harness.setProcessingTime(BASE);
      h.read(ok("pi", "t1", 1, 0, 40));
      h.read(ok("pi", "t2", 2, 0, 40));
      h.harness.setProcessingTime(BASE + 60_000);

      h.harness.processBroadcastElement(new ConfigUpdate("pi/t1", retired()), 60_000);

      assertThat(h.alarms())
          .extracting(Alarm::sensorId, Alarm::state)
          .containsExactly(
              tuple("t1", AlarmState.OPEN),
              tuple("t2", AlarmState.OPEN),
              tuple("t1", AlarmState.CLEARED));
      assertThat(h.alarms().get(2).message()).isEqualTo("t1 retired: not seen since " + T0);

      h.read(ok("pi", "t1", 3, 120, 40));
      assertThat(h.alarms()).hasSize(4);
      assertThat(h.alarms().get(3).state()).isEqualTo(AlarmState.OPEN);
      assertThat(h.alarms().get(3).alarmId()).isNotEqualTo(h.alarms().get(0).alarmId());
    }
  }

  private static SensorConfig retired() {
    return SensorConfig.builder()
        .sensorId("t1")
        .site("home")
        .deviceId("pi")
        .updatedAt(T0)
        .updatedBy("maria")
        .retiredAt(Instant.ofEpochMilli(BASE + 60_000))
        .build();
  }
}
