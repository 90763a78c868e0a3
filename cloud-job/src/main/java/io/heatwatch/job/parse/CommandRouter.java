package io.heatwatch.job.parse;

import io.heatwatch.job.model.AlarmIds;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.AlarmCommand;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands on the per-sensor operator's alarms on (main output) and commands on the
 * per-device operator's to {@link #DEVICE}; drops, with one WARN line, commands whose alarm id the
 * job never made.
 */
public final class CommandRouter extends ProcessFunction<AlarmCommand, AlarmCommand> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);

  /** Commands on the per-device operator's alarms: DEVICE_OFFLINE and SENSOR_SILENT. */
  public static final OutputTag<AlarmCommand> DEVICE = new OutputTag<>("device-alarm-commands") {};

  /** Commands on the per-site operator's alarm, SITE_UNREACHABLE; its id's sensor is the site. */
  public static final OutputTag<AlarmCommand> SITE = new OutputTag<>("site-alarm-commands") {};

  @Override
  public void processElement(AlarmCommand command, Context ctx, Collector<AlarmCommand> out) {
    AlarmIds ids = AlarmIds.parse(command.alarmId());
    if (ids == null) {
      LOG.warn("alarm command by {} ignored: unknown alarm id {}", command.by(), command.alarmId());
    } else if (ids.kind() == AlarmKind.SITE_UNREACHABLE && ids.sensorId() != null) {
      ctx.output(SITE, command);
    } else if (ids.kind() == AlarmKind.DEVICE_OFFLINE
        || ids.kind() == AlarmKind.SENSOR_SILENT
        || ids.sensorId() == null) {
      ctx.output(DEVICE, command);
    } else {
      out.collect(command);
    }
  }
}
