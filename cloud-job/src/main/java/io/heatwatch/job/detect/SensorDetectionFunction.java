package io.heatwatch.job.detect;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.SensorInput;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-sensor detectors in Flink, keyed by sensor: readings and acknowledgements come in keyed,
 * sensor configs come in as broadcast state (key sensorId), so a threshold changed on the config
 * topic applies from the next reading on, without a restart. Sensors without a config, or whose
 * config names another device, use the job's defaults.
 */
public final class SensorDetectionFunction
    extends KeyedBroadcastProcessFunction<String, SensorInput, ConfigUpdate, Alarm> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SensorDetectionFunction.class);

  /** The broadcast state of sensor configs, by sensorId. */
  public static final MapStateDescriptor<String, SensorConfig> CONFIGS =
      new MapStateDescriptor<>(
          "sensor-configs", Types.STRING, TypeInformation.of(SensorConfig.class));

  private final Thresholds defaults;
  private final SensorDetection detection = new SensorDetection();
  private transient ValueState<SensorState> state;

  /** Detection with {@code defaults} for every threshold a sensor's config does not set. */
  public SensorDetectionFunction(Thresholds defaults) {
    this.defaults = defaults;
  }

  @Override
  public void open(OpenContext openContext) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("sensor-state", TypeInformation.of(SensorState.class)));
  }

  @Override
  public void processElement(SensorInput input, ReadOnlyContext ctx, Collector<Alarm> out)
      throws Exception {
    SensorState current = state.value();
    if (input.reading() != null) {
      Reading reading = input.reading();
      if (current == null) {
        current = new SensorState();
      }
      SensorConfig config = ctx.getBroadcastState(CONFIGS).get(reading.sensorId());
      if (config != null && !config.deviceId().equals(reading.deviceId())) {
        config = null;
      }
      detection.onReading(current, reading, defaults.with(config), alarm -> emit(alarm, out));
      state.update(current);
      return;
    }
    Alarm acked = current == null ? null : detection.onCommand(current, input.command());
    if (acked == null) {
      LOG.warn(
          "alarm command {} by {} ignored: no such open, unacknowledged alarm",
          input.command().alarmId(),
          input.command().by());
      return;
    }
    state.update(current);
    emit(acked, out);
  }

  @Override
  public void processBroadcastElement(ConfigUpdate update, Context ctx, Collector<Alarm> out)
      throws Exception {
    BroadcastState<String, SensorConfig> configs = ctx.getBroadcastState(CONFIGS);
    if (update.config() == null) {
      configs.remove(update.sensorId());
      LOG.info("sensor {}: config removed, job defaults apply", update.sensorId());
    } else {
      configs.put(update.sensorId(), update.config());
      LOG.info("sensor {}: config {}", update.sensorId(), update.config());
    }
  }

  private static void emit(Alarm alarm, Collector<Alarm> out) {
    LOG.info(
        "alarm {} {} v{} {} value={} threshold={}",
        alarm.alarmId(),
        alarm.state(),
        alarm.version(),
        alarm.severity(),
        alarm.value(),
        alarm.threshold());
    out.collect(alarm);
  }
}
