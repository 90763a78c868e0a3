package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.detect.AlarmLifecycle.Subject;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import java.util.Arrays;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * State written before SENSOR_SILENT and PIPELINE_STALLED existed has per-kind arrays of 7 slots;
 * restored, it gets a slot for every kind and keeps the alarms it had.
 */
class OldStateTest {
  private static final int OLD_KINDS = 7;

  @Test
  void sensorStateFromBeforeTheNewKindsGrowsItsArraysAndKeepsItsOpenAlarm() throws Exception {
    SensorState old = new SensorState();
    old.open = new Alarm[OLD_KINDS];
    old.pendingSince = filled(OLD_KINDS);
    Alarm high = high();
    old.open[AlarmKind.HIGH.ordinal()] = high;

    SensorState restored = roundTrip(old, SensorState.class);
    restored.fitKinds();

    assertThat(restored.open).hasSize(AlarmSlots.COUNT);
    assertThat(restored.pendingSince).containsOnly(SensorState.NONE);
    assertThat(restored.open[AlarmKind.HIGH.ordinal()]).isEqualTo(high);
    assertThat(restored.tracks().open(AlarmKind.HIGH)).isEqualTo(high);
    assertThat(restored.anyAlarm()).isTrue();
    Alarm silent =
        AlarmLifecycle.apply(
            restored.tracks(),
            AlarmKind.SENSOR_SILENT,
            Signal.active(Severity.WARNING, 1, 1, "%1$s silent"),
            new Subject("home", "pi", "t1"),
            T0,
            0);
    assertThat(silent.state()).isEqualTo(AlarmState.OPEN);
  }

  @Test
  void deviceTrackFromBeforeTheNewKindsGrowsItsArrays() throws Exception {
    DeviceTrack old = new DeviceTrack();
    old.open = new Alarm[OLD_KINDS];
    old.pendingSince = filled(OLD_KINDS);
    old.site = "home";

    DeviceTrack restored = roundTrip(old, DeviceTrack.class);
    restored.fitKinds();

    assertThat(restored.open).hasSize(AlarmSlots.COUNT);
    assertThat(restored.pendingSince).hasSize(AlarmSlots.COUNT).containsOnly(SensorState.NONE);
    assertThat(restored.sensors).isNull();
  }

  @Test
  void deviceTrackWithItsSensorsHasAFlinkSerializerWithoutKryo() throws Exception {
    DeviceTrack track = new DeviceTrack();
    track.site = "home";
    SensorWatch watch = SensorWatch.of("t1");
    watch.seen(1_000);
    watch.seen(11_000);
    watch.silent = high();
    track.sensors = new SensorWatch[] {watch};

    DeviceTrack restored = roundTrip(track, DeviceTrack.class);

    assertThat(restored.sensors).hasSize(1);
    assertThat(restored.sensors[0].sensorId).isEqualTo("t1");
    assertThat(restored.sensors[0].cadenceMs()).isEqualTo(10_000);
    assertThat(restored.sensors[0].silent).isEqualTo(watch.silent);
  }

  /** Through the type's Flink serializer, Kryo disabled as in the job. */
  private static <T> T roundTrip(T value, Class<T> type) throws Exception {
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false);
    TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);
    DataOutputSerializer out = new DataOutputSerializer(1024);
    serializer.serialize(value, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  private static Alarm high() {
    return AlarmLifecycle.apply(
        AlarmTracks.holding(AlarmKind.HIGH, null),
        AlarmKind.HIGH,
        Signal.active(Severity.WARNING, 40, 35, "%1$s high"),
        new Subject("home", "pi", "t1"),
        T0,
        0);
  }

  private static long[] filled(int n) {
    long[] array = new long[n];
    Arrays.fill(array, SensorState.NONE);
    return array;
  }
}
