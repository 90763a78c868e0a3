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

  @Test
  void aCommandOnASitesAlarmGoesToTheSiteDetectorKeyedByTheSite() throws Exception {
    // SITE_UNREACHABLE is kept per site, named like a sensor alarm of the pipeline device with the
    // site as its sensor: sent to the sensors, an acknowledgement (console or "I'm on it" link)
    // was dropped there as "no such open alarm", and its escalation never stopped.
    String siteAlarm =
        Alarm.idFor("heatwatch-pipeline", "cold-store-b", AlarmKind.SITE_UNREACHABLE, T0);
    try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new CommandRouter())) {
      h.processElement(
          new AlarmCommand(
              Versions.V1, siteAlarm, AlarmCommand.Action.ACKNOWLEDGE, "maria", null, T0),
          0);

      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(h.getSideOutput(CommandRouter.SITE))
          .extracting(record -> ((StreamRecord<AlarmCommand>) record).getValue().alarmId())
          .containsExactly(siteAlarm);
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
