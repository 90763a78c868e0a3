package io.heatwatch.job.sensor;

import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Reading;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the per-sensor detection operator reads: a reading, or a command on one of the sensor's
 * alarms (exactly one is set), so both arrive keyed by the same sensor. Flink writes it with {@link
 * SensorInputSerializer}.
 */
@TypeInfo(SensorInputTypeInfo.Factory.class)
public record SensorInput(Reading reading, AlarmCommand command) {

  /** A reading. */
  public static SensorInput of(Reading reading) {
    return new SensorInput(reading, null);
  }

  /** A command. */
  public static SensorInput of(AlarmCommand command) {
    return new SensorInput(null, command);
  }
}
