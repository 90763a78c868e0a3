package io.heatwatch.job.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Limits;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Versions;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's own serializer test suite (round trips, copies, snapshot and restore, concurrent use)
 * over readings with and without their optional fields, and commands.
 */
class SensorInputSerializerTest extends SerializerTestBase<SensorInput> {
  private static final Instant TS = Instant.parse("2026-12-02T10:15:30.123456789Z");

  @Override
  protected TypeSerializer<SensorInput> createSerializer() {
    return SensorInputSerializer.INSTANCE;
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<SensorInput> getTypeClass() {
    return SensorInput.class;
  }

  @Override
  protected boolean allowNullInstances(TypeSerializer<SensorInput> serializer) {
    return true;
  }

  @Override
  protected SensorInput[] getTestData() {
    return new SensorInput[] {
      SensorInput.of(Reading.ok("lab", "pi-01", "28-0316a2796aff", 1, TS, 21.5)),
      SensorInput.of(
          new Reading(
              Versions.V1,
              "greenhouse-2",
              "pi-99",
              "t1",
              Long.MAX_VALUE,
              Limits.EARLIEST_TS,
              null,
              Quality.DISCONNECTED,
              "a8f3e0c2-0b1e-4c1e-9a51-1c6c7c2f0d11")),
      SensorInput.of(
          new Reading(Versions.V1, "lab", "pi-01", "t1", 0, TS, -55.0, Quality.CRC_ERROR, "b")),
      SensorInput.of(Reading.ok("lab", "pi-01", "t1", 2, TS, 21.5).withClockUnsynced(true)),
      SensorInput.of(
          new AlarmCommand(
              Versions.V1,
              "pi-01:t1:HIGH:1764670530123",
              AlarmCommand.Action.ACKNOWLEDGE,
              "operator@lab",
              "fan replaced — watching",
              TS)),
      SensorInput.of(
          new AlarmCommand(
              Versions.V1, "pi-01:t1:SPIKE:1", AlarmCommand.Action.ACKNOWLEDGE, "ops", null, TS))
    };
  }

  @Test
  void isTheSerializerFlinkPicksForTheType() {
    assertThat(TypeInformation.of(SensorInput.class).createSerializer(new SerializerConfigImpl()))
        .isSameAs(SensorInputSerializer.INSTANCE);
  }
}
