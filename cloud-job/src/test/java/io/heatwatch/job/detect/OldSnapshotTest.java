package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static io.heatwatch.job.detect.ReleaseSnapshots.deviceHarness;
import static io.heatwatch.job.detect.ReleaseSnapshots.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.sensor.SensorHarness;
import io.heatwatch.job.sensor.SensorInput;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Thresholds;
import io.heatwatch.model.Versions;
import org.junit.jupiter.api.Test;

/**
 * Snapshots written by the job of commit 41238c1, before SENSOR_SILENT and PIPELINE_STALLED (7
 * alarm kinds, no sensor watches), restore into today's operators. They were made with that
 * commit's classes on Flink's test harnesses: the sensor operator read one 40 °C reading of pi/t1
 * at {@code T0} (HIGH open); the device operator one reading of pi/t1 at processing time T0, then
 * 10 min passed (DEVICE_OFFLINE open).
 */
class OldSnapshotTest {
  private static final long MINUTE = 60_000;
  private static final long BASE = T0.toEpochMilli();

  @Test
  void theSensorOperatorsOldStateKeepsItsOpenAlarmWhichAnOperatorCanResolve() throws Exception {
    try (SensorHarness h = new SensorHarness(Thresholds.DEFAULTS, snapshot("sensors", "41238c1"))) {
      String high = Alarm.idFor("pi", "t1", AlarmKind.HIGH, T0);
      h.harness.processElement(SensorInput.of(resolve(high)), BASE + 5_000);
      h.read(ok("pi", "t1", 2, 10, 40));
      assertThat(h.alarms())
          .extracting(Alarm::alarmId, Alarm::version, Alarm::state)
          .containsExactly(
              tuple(high, 2L, AlarmState.CLEARED),
              tuple(
                  Alarm.idFor("pi", "t1", AlarmKind.HIGH, T0.plusSeconds(10)),
                  1L,
                  AlarmState.OPEN));
    }
  }

  @Test
  void theDeviceOperatorsOldStateComesBackOnlineAndWatchesItsSensors() throws Exception {
    try (var h = deviceHarness(snapshot("devices", "41238c1"))) {
      long seq = 10;
      for (long s = 0; s <= 60; s += 10) {
        h.setProcessingTime(BASE + 20 * MINUTE + s * 1000);
        h.processElement1(ok("pi", "t1", ++seq, s, 21), 0);
        h.processElement1(ok("pi", "t2", ++seq, s, 21), 0);
      }
      for (long s = 70; s <= 180; s += 10) {
        h.setProcessingTime(BASE + 20 * MINUTE + s * 1000);
        h.processElement1(ok("pi", "t2", ++seq, s, 21), 0);
      }
      assertThat(h.extractOutputValues())
          .extracting(Alarm::kind, Alarm::state, Alarm::sensorId)
          .containsExactly(
              tuple(AlarmKind.DEVICE_OFFLINE, AlarmState.CLEARED, null),
              tuple(AlarmKind.SENSOR_SILENT, AlarmState.OPEN, "t1"));
    }
  }

  private static AlarmCommand resolve(String alarmId) {
    return new AlarmCommand(
        Versions.V1, alarmId, AlarmCommand.Action.RESOLVE, "maria", null, T0.plusSeconds(5));
  }
}
