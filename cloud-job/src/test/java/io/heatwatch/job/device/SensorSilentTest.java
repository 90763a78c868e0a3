package io.heatwatch.job.device;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.faulty;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.DeviceEvent;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.Versions;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * SENSOR_SILENT and retirement in the per-device operator, on processing-time timers the test moves
 * by hand: sensor t1 stops while t2 (or heartbeats) show that the device lives.
 */
class SensorSilentTest {
  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;
  private static final long BASE = T0.toEpochMilli();

  private long seq;

  @Test
  void aSilentSensorOfALiveDeviceOpensWithinItsBoundAndClearsWhenItReportsAgain() throws Exception {
    try (var h = harness(Duration.ofDays(7))) {
      both(h, 0, 60, 10);
      t2Until(h, 70, 170);
      assertThat(h.extractOutputValues()).isEmpty();
      h.setProcessingTime(BASE + 180 * SECOND);
      send(h, "t1", 185);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::kind, Alarm::sensorId, Alarm::state, Alarm::severity)
          .containsExactly(
              tuple(AlarmKind.SENSOR_SILENT, "t1", AlarmState.OPEN, Alarm.Severity.WARNING),
              tuple(AlarmKind.SENSOR_SILENT, "t1", AlarmState.CLEARED, Alarm.Severity.WARNING));
      assertThat(h.extractOutputValues().get(0).message())
          .isEqualTo("t1: no good reading for 2 min (bound 2 min)");
      assertThat(h.extractOutputValues().get(0).openedAt().toEpochMilli())
          .isEqualTo(BASE + 180 * SECOND);
    }
  }

  @Test
  void aSensorThatReportsOnlyDisconnectedIsSilentAndItsFirstGoodReadingClearsIt() throws Exception {
    try (var h = harness(Duration.ofDays(7))) {
      both(h, 0, 60, 10);
      for (long s = 70; s <= 180; s += 10) {
        h.setProcessingTime(BASE + s * SECOND);
        h.processElement1(faulty("pi", "t1", ++seq, s, Quality.DISCONNECTED), 0);
        send(h, "t2", s);
      }
      send(h, "t1", 190);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::state, Alarm::message)
          .containsExactly(
              tuple(AlarmState.OPEN, "t1: no good reading for 2 min (bound 2 min)"),
              tuple(AlarmState.CLEARED, "t1 reports again"));
    }
  }

  @Test
  void theBoundIsThreeTimesTheSensorsOwnCadenceWhenThatIsLonger() throws Exception {
    try (var h = harness(Duration.ofDays(7))) {
      for (long s = 0; s <= 300; s += 10) {
        if (s % 60 == 0) {
          send(h, "t1", s);
        }
        send(h, "t2", s);
      }
      t2Until(h, 310, 470);
      assertThat(h.extractOutputValues()).isEmpty();
      t2Until(h, 480, 490);
      assertThat(h.extractOutputValues())
          .singleElement()
          .satisfies(
              alarm -> {
                assertThat(alarm.kind()).isEqualTo(AlarmKind.SENSOR_SILENT);
                assertThat(alarm.message())
                    .isEqualTo("t1: no good reading for 3 min (bound 3 min)");
              });
    }
  }

  @Test
  void theSilenceItselfDoesNotStretchTheNextBound() throws Exception {
    try (var h = harness(Duration.ofDays(7))) {
      both(h, 0, 10, 10);
      t2Until(h, 20, 130);
      send(h, "t1", 135);
      t2Until(h, 140, 250);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
      t2Until(h, 260, 260);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::state, Alarm::message)
          .endsWith(tuple(AlarmState.OPEN, "t1: no good reading for 2 min (bound 2 min)"));
    }
  }

  @Test
  void aDeviceThatStopsAsAWholeGetsDeviceOfflineAndNoSensorSilent() throws Exception {
    try (var h = harness(Duration.ofDays(7))) {
      both(h, 0, 60, 10);
      for (long s = 70; s <= 1200; s += 10) {
        h.setProcessingTime(BASE + s * SECOND);
      }
      assertThat(h.extractOutputValues())
          .extracting(Alarm::kind, Alarm::state)
          .containsExactly(tuple(AlarmKind.DEVICE_OFFLINE, AlarmState.OPEN));
    }
  }

  @Test
  void aSensorsConfigSetsItsBoundAndRetiresItAndARetiredSensorIsWatchedAgainWhenItReports()
      throws Exception {
    try (var h = harness(Duration.ofDays(7))) {
      both(h, 0, 60, 10);
      h.processElement2(DeviceEvent.of(new ConfigUpdate("pi/t1", config(30L, null))), 0);
      t2Until(h, 70, 90);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::message)
          .containsExactly("t1: no good reading for 30 s (bound 30 s)");
      h.processElement2(DeviceEvent.of(new ConfigUpdate("pi/t1", config(30L, T0))), 0);
      assertThat(h.extractOutputValues().get(1).state()).isEqualTo(AlarmState.CLEARED);
      assertThat(h.extractOutputValues().get(1).message())
          .isEqualTo("t1 retired: not seen since " + Instant.ofEpochMilli(BASE + 60 * SECOND));
      t2Until(h, 100, 600);
      assertThat(h.extractOutputValues()).hasSize(2);

      send(h, "t1", 610);
      t2Until(h, 620, 720);
      assertThat(h.extractOutputValues()).hasSize(2);
      t2Until(h, 740, 740);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN, AlarmState.CLEARED, AlarmState.OPEN);
    }
  }

  @Test
  void aConfigReadBeforeTheDevicesFirstReadingSetsTheBound() throws Exception {
    try (var h = harness(Duration.ofDays(7))) {
      h.setProcessingTime(BASE);
      h.processElement2(DeviceEvent.of(new ConfigUpdate("pi/t1", config(30L, null))), 0);
      both(h, 0, 60, 10);
      t2Until(h, 70, 90);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::message)
          .containsExactly("t1: no good reading for 30 s (bound 30 s)");
    }
  }

  @Test
  void aSensorNotSeenForTheRetirementPeriodIsRetiredAndItsAlarmCleared() throws Exception {
    try (var h = harness(Duration.ofMinutes(10))) {
      both(h, 0, 60, 10);
      t2Until(h, 70, 660);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::state, Alarm::message)
          .containsExactly(
              tuple(AlarmState.OPEN, "t1: no good reading for 2 min (bound 2 min)"),
              tuple(
                  AlarmState.CLEARED,
                  "t1 retired: not seen since " + Instant.ofEpochMilli(BASE + 60 * SECOND)));
      assertThat(h.extractOutputValues().get(1).clearedAt().toEpochMilli())
          .isEqualTo(BASE + 660 * SECOND);
    }
  }

  @Test
  void anOperatorResolvesASilentSensorsAlarmAndItStaysQuietUntilTheSensorReportsAgain()
      throws Exception {
    try (var h = harness(Duration.ofDays(7))) {
      both(h, 0, 60, 10);
      t2Until(h, 70, 180);
      Alarm silent = h.extractOutputValues().get(0);
      h.processElement2(DeviceEvent.of(command(silent.alarmId(), "probe removed")), 0);
      t2Until(h, 190, 900);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::alarmId, Alarm::state, Alarm::message)
          .containsExactly(
              tuple(silent.alarmId(), AlarmState.OPEN, silent.message()),
              tuple(silent.alarmId(), AlarmState.CLEARED, "resolved by maria: probe removed"));
    }
  }

  @Test
  void anOperatorResolvesADeviceOfflineAlarm() throws Exception {
    try (var h = harness(Duration.ofDays(7))) {
      send(h, "t1", 0);
      h.setProcessingTime(BASE + 10 * MINUTE);
      Alarm offline = h.extractOutputValues().get(0);
      h.processElement2(DeviceEvent.of(command(offline.alarmId(), null)), 0);
      h.setProcessingTime(BASE + 60 * MINUTE);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::kind, Alarm::state, Alarm::message)
          .containsExactly(
              tuple(AlarmKind.DEVICE_OFFLINE, AlarmState.OPEN, offline.message()),
              tuple(AlarmKind.DEVICE_OFFLINE, AlarmState.CLEARED, "resolved by maria"));
    }
  }

  /** t1 and t2 both every {@code step} seconds from {@code from} to {@code to}. */
  private void both(
      KeyedTwoInputStreamOperatorTestHarness<String, Reading, DeviceEvent, Alarm> h,
      long from,
      long to,
      long step)
      throws Exception {
    for (long s = from; s <= to; s += step) {
      send(h, "t1", s);
      send(h, "t2", s);
    }
  }

  /** t2 alone every 10 s from {@code from} to {@code to}. */
  private void t2Until(
      KeyedTwoInputStreamOperatorTestHarness<String, Reading, DeviceEvent, Alarm> h,
      long from,
      long to)
      throws Exception {
    for (long s = from; s <= to; s += 10) {
      send(h, "t2", s);
    }
  }

  private void send(
      KeyedTwoInputStreamOperatorTestHarness<String, Reading, DeviceEvent, Alarm> h,
      String sensorId,
      long seconds)
      throws Exception {
    h.setProcessingTime(BASE + seconds * SECOND);
    h.processElement1(ok("pi", sensorId, ++seq, seconds, 21), 0);
  }

  private static SensorConfig config(Long silentAfterS, Instant retiredAt) {
    return SensorConfig.builder()
        .sensorId("t1")
        .site("home")
        .deviceId("pi")
        .updatedAt(T0)
        .updatedBy("maria")
        .silentAfterS(silentAfterS)
        .retiredAt(retiredAt)
        .build();
  }

  private static AlarmCommand command(String alarmId, String comment) {
    return new AlarmCommand(
        Versions.V1, alarmId, AlarmCommand.Action.RESOLVE, "maria", comment, T0.plusSeconds(1));
  }

  private static KeyedTwoInputStreamOperatorTestHarness<String, Reading, DeviceEvent, Alarm>
      harness(Duration retireAfter) throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
        new DeviceOfflineDetector(Duration.ofMinutes(5), Duration.ofMinutes(2), retireAfter),
        new DeviceKey(),
        DeviceEvent::deviceId,
        Types.STRING);
  }
}
