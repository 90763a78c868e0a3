package io.heatwatch.job;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.DeviceStatus.DeviceState;
import io.heatwatch.model.Versions;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/**
 * One harmless element for each of the job's side inputs — a tombstone, an unknown device's birth,
 * a command on no alarm — for tests and benchmarks that drive the job with readings only.
 */
public final class QuietInputs {
  private QuietInputs() {}

  /** A config tombstone for a sensor nobody has. */
  public static Source<ConfigUpdate, ?, ?> sensorConfigs() {
    return new DataGeneratorSource<>(
        index -> new ConfigUpdate("nobody", null), 1, TypeInformation.of(ConfigUpdate.class));
  }

  /** The birth message of {@code deviceId}. */
  public static Source<DeviceStatus, ?, ?> deviceStatus(String site, String deviceId, Instant ts) {
    return new DataGeneratorSource<>(
        index ->
            DeviceStatus.builder()
                .site(site)
                .deviceId(deviceId)
                .state(DeviceState.ONLINE)
                .ts(ts)
                .build(),
        1,
        TypeInformation.of(DeviceStatus.class));
  }

  /** An acknowledgement of {@code alarmId}. */
  public static Source<AlarmCommand, ?, ?> alarmCommands(String alarmId, Instant ts) {
    return new DataGeneratorSource<>(
        index ->
            new AlarmCommand(Versions.V1, alarmId, AlarmCommand.Action.ACKNOWLEDGE, "op", null, ts),
        1,
        TypeInformation.of(AlarmCommand.class));
  }
}
