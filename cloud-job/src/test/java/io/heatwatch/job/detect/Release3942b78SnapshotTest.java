package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static io.heatwatch.job.detect.ReleaseSnapshots.deviceHarness;
import static io.heatwatch.job.detect.ReleaseSnapshots.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.device.DeviceOfflineDetector;
import io.heatwatch.job.device.DeviceView;
import io.heatwatch.job.sensor.SensorHarness;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Thresholds;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/**
 * Snapshots written by the operators of release 3942b78 on Flink's test harnesses
 * (ReleaseSnapshotWriter; what they hold: savepoints/3942b78/README.md) restore into today's
 * operators and carry on. Sensor pi/t1: its config (HIGH at 30 °C) in broadcast state, seqs 1-11
 * seen, HIGH open since the 33 °C reading at T0 + 100 s, the minute from T0 + 60 s open with 5
 * readings. Device pi: its ONLINE status, sensors t1 (configured, SENSOR_SILENT open since T0 + 3
 * min) and t2, DEVICE_OFFLINE open since T0 + 8 min.
 */
class Release3942b78SnapshotTest {
  private static final long BASE = T0.toEpochMilli();
  private static final long MINUTE = 60_000;

  @Test
  void theSensorCarriesOnWithItsAlarmDedupeWindowMinuteAndConfig() throws Exception {
    try (SensorHarness h = new SensorHarness(Thresholds.DEFAULTS, snapshot("sensors", "3942b78"))) {
      h.harness.setProcessingTime(BASE + MINUTE);
      h.read(ok("pi", "t1", 11, 100, 33));
      h.read(ok("pi", "t1", 12, 110, 20));
      h.watermark(BASE + 130_000);
      h.read(ok("pi", "t1", 13, 140, 33));

      assertThat(h.storedSeqs()).as("seq 11 is a duplicate").containsExactly(12L, 13L);
      assertThat(h.alarms())
          .extracting(Alarm::alarmId, Alarm::version, Alarm::state, Alarm::threshold)
          .containsExactly(
              tuple(
                  Alarm.idFor("pi", "t1", AlarmKind.HIGH, T0.plusSeconds(100)),
                  2L,
                  AlarmState.CLEARED,
                  30.0),
              tuple(
                  Alarm.idFor("pi", "t1", AlarmKind.HIGH, T0.plusSeconds(140)),
                  1L,
                  AlarmState.OPEN,
                  30.0));
      assertThat(h.metrics())
          .singleElement()
          .satisfies(
              minute -> {
                assertThat(minute.windowStart()).isEqualTo(T0.plusSeconds(60));
                assertThat(minute.count()).isEqualTo(6);
                assertThat(minute.max()).isEqualTo(33.0);
                assertThat(minute.firstTs()).isEqualTo(T0.plusSeconds(60));
                assertThat(minute.lastTs()).isEqualTo(T0.plusSeconds(110));
              });
    }
  }

  @Test
  void theDeviceComesBackOnlineAndItsSilentSensorReportsAgain() throws Exception {
    try (var h = deviceHarness(snapshot("devices", "3942b78"))) {
      h.setProcessingTime(BASE + 20 * MINUTE);
      h.processElement1(ok("pi", "t1", 100, 1200, 21), 0);

      assertThat(h.extractOutputValues())
          .extracting(Alarm::alarmId, Alarm::version, Alarm::state)
          .containsExactlyInAnyOrder(
              tuple(
                  Alarm.idFor("pi", null, AlarmKind.DEVICE_OFFLINE, T0.plusSeconds(480)),
                  2L,
                  AlarmState.CLEARED),
              tuple(
                  Alarm.idFor("pi", "t1", AlarmKind.SENSOR_SILENT, T0.plusSeconds(180)),
                  2L,
                  AlarmState.CLEARED));
      List<DeviceView> views =
          h.getSideOutput(DeviceOfflineDetector.DEVICES).stream()
              .map(StreamRecord::getValue)
              .toList();
      assertThat(views).last().extracting(DeviceView::online).isEqualTo(true);
      assertThat(views.get(views.size() - 1).status().agentVersion()).isEqualTo("1.0.0");
    }
  }
}
