package io.heatwatch.job.parse;

import static io.heatwatch.job.TestReadings.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Versions;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CommandRouterTest {

  @Test
  void commandsOnDeviceOfflineAndSensorSilentGoToTheDeviceOperatorOthersToTheSensors()
      throws Exception {
    try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new CommandRouter())) {
      h.processElement(resolve(AlarmKind.SENSOR_SILENT, "t1"), 0);
      h.processElement(resolve(AlarmKind.DEVICE_OFFLINE, null), 0);
      h.processElement(resolve(AlarmKind.HIGH, "t1"), 0);

      assertThat(h.extractOutputValues())
          .extracting(AlarmCommand::alarmId)
          .containsExactly(id(AlarmKind.HIGH, "t1"));
      assertThat(h.getSideOutput(CommandRouter.DEVICE))
          .extracting(record -> ((StreamRecord<AlarmCommand>) record).getValue().alarmId())
          .containsExactly(id(AlarmKind.SENSOR_SILENT, "t1"), id(AlarmKind.DEVICE_OFFLINE, null));
    }
  }

  private static AlarmCommand resolve(AlarmKind kind, String sensorId) {
    return new AlarmCommand(
        Versions.V1, id(kind, sensorId), AlarmCommand.Action.RESOLVE, "maria", null, T0);
  }

  private static String id(AlarmKind kind, String sensorId) {
    return Alarm.idFor("pi", sensorId, kind, T0);
  }
}
