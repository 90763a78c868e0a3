package io.heatwatch.job.device;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.model.DeviceEvent;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.DeviceStatus.DeviceState;
import io.heatwatch.model.Versions;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** DEVICE_OFFLINE on processing-time timers the test moves by hand. */
class DeviceOfflineDetectorTest {
  private static final long MINUTE = 60_000;
  // Processing time becomes alarm times, which the contract bounds to 2000..2100.
  private static final long BASE = T0.toEpochMilli();

  @Test
  void silenceBeyondTheTimeoutOpensOneAlarmAndTheNextReadingClearsIt() throws Exception {
    try (var h = harness()) {
      h.setProcessingTime(BASE + 0);
      h.processElement1(ok("pi", "t1", 1, 0, 21), 0);
      h.setProcessingTime(BASE + 4 * MINUTE);
      h.processElement1(ok("pi", "t1", 2, 240, 21), 0);
      h.setProcessingTime(BASE + 5 * MINUTE);
      assertThat(h.extractOutputValues()).isEmpty();
      h.setProcessingTime(BASE + 9 * MINUTE);
      h.setProcessingTime(BASE + 20 * MINUTE);
      h.processElement1(ok("pi", "t1", 3, 1200, 21), 0);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::state, Alarm::version, Alarm::sensorId)
          .containsExactly(tuple(AlarmState.OPEN, 1L, null), tuple(AlarmState.CLEARED, 2L, null));
      assertThat(h.extractOutputValues().get(0).openedAt().toEpochMilli())
          .isEqualTo(BASE + 9 * MINUTE);
    }
  }

  @Test
  void aLastWillOpensAtOnceHeartbeatsKeepItOnlineAndAcknowledgementsApply() throws Exception {
    try (var h = harness()) {
      h.setProcessingTime(BASE + 0);
      h.processElement2(DeviceEvent.of(status(DeviceState.ONLINE)), 0);
      for (int i = 1; i <= 10; i++) {
        h.setProcessingTime(BASE + i * 4 * MINUTE);
        h.processElement2(DeviceEvent.of(status(DeviceState.ONLINE)), 0);
      }
      assertThat(h.extractOutputValues()).isEmpty();
      h.processElement2(DeviceEvent.of(status(DeviceState.OFFLINE)), 0);
      String id = h.extractOutputValues().get(0).alarmId();
      h.processElement2(
          DeviceEvent.of(
              new AlarmCommand(
                  Versions.V1, id, AlarmCommand.Action.ACKNOWLEDGE, "maria", null, T0)),
          0);
      h.setProcessingTime(BASE + 60 * MINUTE);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN, AlarmState.ACKNOWLEDGED);
      assertThat(h.getSideOutput(DeviceOfflineDetector.DEVICES))
          .extracting(record -> record.getValue().online())
          .endsWith(false);
    }
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, io.heatwatch.model.Reading, DeviceEvent, Alarm>
      harness() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
        new DeviceOfflineDetector(Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofDays(7)),
        new DeviceKey(),
        DeviceEvent::deviceId,
        Types.STRING);
  }

  private static DeviceStatus status(DeviceState state) {
    return DeviceStatus.builder()
        .site("home")
        .deviceId("pi")
        .state(state)
        .ts(T0)
        .bootId("b1")
        .agentVersion("0.1.0")
        .outboxDepth(0L)
        .dropped(0L)
        .uptimeS(1L)
        .build();
  }
}
