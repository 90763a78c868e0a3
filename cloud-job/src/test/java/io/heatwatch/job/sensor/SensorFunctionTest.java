package io.heatwatch.job.sensor;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.Thresholds;
import io.heatwatch.model.Versions;
import java.time.Duration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** HIGH/LOW, thresholds from broadcast config and the alarm lifecycle, on the operator harness. */
class SensorFunctionTest {

  @Test
  void highOpensEscalatesAndClearsOnlyBelowTheHysteresis() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.read(ok("pi", "t1", 1, 0, 30));
      h.read(ok("pi", "t1", 2, 10, 36));
      h.read(ok("pi", "t1", 3, 20, 46));
      h.read(ok("pi", "t1", 4, 30, 34.5));
      h.read(ok("pi", "t1", 5, 40, 33.9));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::state, Alarm::version, Alarm::severity, Alarm::value)
          .containsExactly(
              tuple(AlarmState.OPEN, 1L, Severity.WARNING, 36.0),
              tuple(AlarmState.OPEN, 2L, Severity.CRITICAL, 46.0),
              tuple(AlarmState.CLEARED, 3L, Severity.CRITICAL, 33.9));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::alarmId)
          .containsOnly(Alarm.idFor("pi", "t1", AlarmKind.HIGH, T0.plusSeconds(10)));
    }
  }

  @Test
  void lowWaitsForTheMinimumDurationAndOpensAtTheStartOfTheCondition() throws Exception {
    Thresholds defaults = Thresholds.DEFAULTS.withMinDuration(Duration.ofMinutes(1));
    try (SensorHarness h = new SensorHarness(defaults)) {
      h.read(ok("pi", "t1", 1, 0, -1));
      h.read(ok("pi", "t1", 2, 30, 0.5));
      h.read(ok("pi", "t1", 3, 40, -2));
      h.read(ok("pi", "t1", 4, 90, -2));
      assertThat(h.alarms(AlarmKind.LOW)).isEmpty();
      h.read(ok("pi", "t1", 5, 100, -2.5));
      assertThat(h.alarms(AlarmKind.LOW))
          .singleElement()
          .satisfies(
              alarm -> {
                assertThat(alarm.openedAt()).isEqualTo(T0.plusSeconds(40));
                assertThat(alarm.updatedAt()).isEqualTo(T0.plusSeconds(100));
                assertThat(alarm.threshold()).isEqualTo(0.0);
              });
    }
  }

  @Test
  void aConfigOnTheBroadcastTopicAppliesFromTheNextReadingAndATombstoneRestoresDefaults()
      throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.read(ok("pi", "t1", 1, 0, 9));
      h.harness.processBroadcastElement(new ConfigUpdate("t1", config("pi", 8.0)), 1);
      h.harness.processBroadcastElement(new ConfigUpdate("t2", config("other", 5.0)), 2);
      h.read(ok("pi", "t1", 2, 10, 9));
      h.read(ok("pi", "t2", 3, 10, 9));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::sensorId, Alarm::state, Alarm::threshold)
          .containsExactly(tuple("t1", AlarmState.OPEN, 8.0));
      h.harness.processBroadcastElement(new ConfigUpdate("t1", null), 3);
      h.read(ok("pi", "t1", 4, 20, 9));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
    }
  }

  @Test
  void aConfigReplacedUnderTheSameKeyAppliesFromTheNextReading() throws Exception {
    // the operator keeps the thresholds built from a config; a new config must not get the old ones
    try (SensorHarness h = new SensorHarness()) {
      h.harness.processBroadcastElement(new ConfigUpdate("pi/t1", config("pi", 12.0)), 1);
      h.read(ok("pi", "t1", 1, 0, 10));
      h.read(ok("pi", "t1", 2, 10, 10));
      h.harness.processBroadcastElement(new ConfigUpdate("pi/t1", config("pi", 8.0)), 2);
      h.read(ok("pi", "t1", 3, 20, 10));
      h.harness.processBroadcastElement(new ConfigUpdate("pi/t1", config("pi", 12.0)), 3);
      h.read(ok("pi", "t1", 4, 30, 10));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::state, Alarm::threshold)
          .containsExactly(tuple(AlarmState.OPEN, 8.0), tuple(AlarmState.CLEARED, 8.0));
    }
  }

  @Test
  void twoDevicesWithTheSameSensorNameEachGetTheirOwnThresholds() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.harness.processBroadcastElement(new ConfigUpdate("pi-a/probe", probe("pi-a", 8.0)), 1);
      h.harness.processBroadcastElement(new ConfigUpdate("pi-b/probe", probe("pi-b", 5.0)), 2);
      h.read(ok("pi-a", "probe", 1, 0, 10));
      h.read(ok("pi-b", "probe", 1, 0, 10));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::deviceId, Alarm::threshold)
          .containsExactlyInAnyOrder(tuple("pi-a", 8.0), tuple("pi-b", 5.0));

      h.harness.processBroadcastElement(new ConfigUpdate("pi-b/probe", null), 3);
      h.read(ok("pi-b", "probe", 2, 10, 10)); // back to the default 35: clears
      h.read(ok("pi-a", "probe", 2, 10, 10)); // still above its own 8: stays open
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::deviceId, Alarm::state)
          .containsExactlyInAnyOrder(
              tuple("pi-a", AlarmState.OPEN),
              tuple("pi-b", AlarmState.OPEN),
              tuple("pi-b", AlarmState.CLEARED));
    }
  }

  @Test
  void aConfigWrittenUnderTheOldSensorIdKeyStillAppliesToTheDeviceItNames() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.harness.processBroadcastElement(new ConfigUpdate("probe", probe("pi-a", 8.0)), 1);
      h.harness.processBroadcastElement(new ConfigUpdate("pi-b/probe", probe("pi-b", 5.0)), 2);
      h.read(ok("pi-a", "probe", 1, 0, 10));
      h.read(ok("pi-b", "probe", 1, 0, 10));
      h.read(ok("pi-c", "probe", 1, 0, 10));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::deviceId, Alarm::threshold)
          .containsExactlyInAnyOrder(tuple("pi-a", 8.0), tuple("pi-b", 5.0));

      h.harness.processBroadcastElement(new ConfigUpdate("probe", null), 3);
      h.read(ok("pi-a", "probe", 2, 10, 10));
      assertThat(h.alarms(AlarmKind.HIGH))
          .filteredOn(alarm -> alarm.deviceId().equals("pi-a"))
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
    }
  }

  @Test
  void anAcknowledgementMovesTheOpenAlarmToAcknowledgedUntilItClears() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.read(ok("pi", "t1", 1, 0, 40));
      String id = h.alarms().get(0).alarmId();
      AlarmCommand ack =
          new AlarmCommand(
              Versions.V1,
              id,
              AlarmCommand.Action.ACKNOWLEDGE,
              "maria",
              "on it",
              T0.plusSeconds(5));
      h.harness.processElement(SensorInput.of(ack), 5_000);
      h.harness.processElement(SensorInput.of(ack), 6_000);
      h.read(ok("pi", "t1", 2, 10, 20));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::alarmId, Alarm::version, Alarm::state, Alarm::ackedBy)
          .containsExactly(
              tuple(id, 1L, AlarmState.OPEN, null),
              tuple(id, 2L, AlarmState.ACKNOWLEDGED, "maria"),
              tuple(id, 3L, AlarmState.CLEARED, "maria"));
    }
  }

  @Test
  void anOperatorResolvesAnAlarmAndAConditionThatStillHoldsOpensANewOne() throws Exception {
    try (SensorHarness h = new SensorHarness()) {
      h.read(ok("pi", "t1", 1, 0, 40));
      String id = h.alarms().get(0).alarmId();
      AlarmCommand resolve =
          new AlarmCommand(
              Versions.V1,
              id,
              AlarmCommand.Action.RESOLVE,
              "maria",
              "probe replaced",
              T0.plusSeconds(5));
      h.harness.processElement(SensorInput.of(resolve), 5_000);
      h.harness.processElement(SensorInput.of(resolve), 6_000);
      h.read(ok("pi", "t1", 2, 10, 40));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::alarmId, Alarm::version, Alarm::state)
          .containsExactly(
              tuple(id, 1L, AlarmState.OPEN),
              tuple(id, 2L, AlarmState.CLEARED),
              tuple(h.alarms().get(2).alarmId(), 1L, AlarmState.OPEN));
      assertThat(h.alarms().get(1).message()).isEqualTo("resolved by maria: probe replaced");
      assertThat(h.alarms().get(1).clearedAt()).isEqualTo(T0.plusSeconds(5));
      assertThat(h.alarms().get(2).alarmId()).isNotEqualTo(id);
    }
  }

  @Test
  void sensorStateSurvivesASnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (SensorHarness h = new SensorHarness()) {
      h.harness.processBroadcastElement(new ConfigUpdate("t1", config("pi", 8.0)), 1);
      h.read(ok("pi", "t1", 1, 0, 9));
      snapshot = h.harness.snapshot(1, 10);
    }
    try (SensorHarness h = new SensorHarness(Thresholds.DEFAULTS, snapshot)) {
      h.read(ok("pi", "t1", 2, 10, 6));
      assertThat(h.alarms(AlarmKind.HIGH))
          .extracting(Alarm::version, Alarm::state)
          .containsExactly(tuple(2L, AlarmState.CLEARED));
    }
  }

  private static SensorConfig probe(String device, double highC) {
    return SensorConfig.builder()
        .sensorId("probe")
        .site("home")
        .deviceId(device)
        .name("probe")
        .highC(highC)
        .hysteresisC(0.5)
        .updatedAt(T0)
        .updatedBy("maria")
        .build();
  }

  private static SensorConfig config(String device, double highC) {
    return SensorConfig.builder()
        .sensorId("t1")
        .site("home")
        .deviceId(device)
        .name("fridge")
        .highC(highC)
        .hysteresisC(0.5)
        .updatedAt(T0)
        .updatedBy("maria")
        .build();
  }
}
