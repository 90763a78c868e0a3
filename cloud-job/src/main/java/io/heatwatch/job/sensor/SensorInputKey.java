package io.heatwatch.job.sensor;

import io.heatwatch.job.model.AlarmIds;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys a reading by its sensor and a command by the sensor its alarm id names, so both reach the
 * same detection state.
 */
public final class SensorInputKey implements KeySelector<SensorInput, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(SensorInput input) {
    if (input.reading() != null) {
      return SensorKey.of(input.reading());
    }
    AlarmIds ids = AlarmIds.parse(input.command().alarmId());
    // Commands are routed here only after AlarmIds.parse succeeded (see CommandRouter).
    return ids.sensorKey();
  }
}
