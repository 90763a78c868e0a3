package io.heatwatch.job.sensor;

import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link SensorInput} field by field: every reading crosses the network once on its way to
 * the per-sensor operator, and Flink's generic record serializer reads each field by reflection,
 * boxes the primitives and rebuilds the record from an {@code Object[]} through its constructor.
 * This one writes a tag byte (reading or command) and the fields in order; nullable fields get a
 * presence byte, strings go through Flink's own {@link StringSerializer} (null-safe).
 *
 * <p>Records are immutable, so copying returns the same instance. {@code SensorInput} lives only on
 * the network, never in state, so the wire format can change between builds; the snapshot is there
 * because Flink asks every serializer for one.
 */
public final class SensorInputSerializer extends TypeSerializerSingleton<SensorInput> {
  private static final long serialVersionUID = 1L;

  /** The one instance: the serializer keeps no state. */
  public static final SensorInputSerializer INSTANCE = new SensorInputSerializer();

  private static final byte READING = 0;
  private static final byte COMMAND = 1;
  private static final Quality[] QUALITIES = Quality.values();
  private static final AlarmCommand.Action[] ACTIONS = AlarmCommand.Action.values();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public SensorInput createInstance() {
    return null;
  }

  @Override
  public SensorInput copy(SensorInput from) {
    return from;
  }

  @Override
  public SensorInput copy(SensorInput from, SensorInput reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(SensorInput input, DataOutputView out) throws IOException {
    if (input.reading() != null) {
      out.writeByte(READING);
      write(input.reading(), out);
    } else {
      out.writeByte(COMMAND);
      write(input.command(), out);
    }
  }

  @Override
  public SensorInput deserialize(DataInputView in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case READING -> SensorInput.of(readReading(in));
      case COMMAND -> SensorInput.of(readCommand(in));
      default -> throw new IOException("not a SensorInput: tag " + tag);
    };
  }

  @Override
  public SensorInput deserialize(SensorInput reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<SensorInput> snapshotConfiguration() {
    return new Snapshot();
  }

  private static void write(Reading r, DataOutputView out) throws IOException {
    out.writeInt(r.v());
    StringSerializer.INSTANCE.serialize(r.site(), out);
    StringSerializer.INSTANCE.serialize(r.deviceId(), out);
    StringSerializer.INSTANCE.serialize(r.sensorId(), out);
    out.writeLong(r.seq());
    writeInstant(r.ts(), out);
    out.writeBoolean(r.tempC() != null);
    if (r.tempC() != null) {
      out.writeDouble(r.tempC());
    }
    out.writeByte(r.quality().ordinal());
    StringSerializer.INSTANCE.serialize(r.bootId(), out);
    out.writeByte(r.clockUnsynced() == null ? 0 : r.clockUnsynced() ? 2 : 1);
  }

  private static Reading readReading(DataInputView in) throws IOException {
    int v = in.readInt();
    String site = StringSerializer.INSTANCE.deserialize(in);
    String deviceId = StringSerializer.INSTANCE.deserialize(in);
    String sensorId = StringSerializer.INSTANCE.deserialize(in);
    long seq = in.readLong();
    Instant ts = readInstant(in);
    Double tempC = in.readBoolean() ? in.readDouble() : null;
    Quality quality = QUALITIES[in.readByte()];
    String bootId = StringSerializer.INSTANCE.deserialize(in);
    byte unsynced = in.readByte();
    Boolean clockUnsynced = unsynced == 0 ? null : unsynced == 2;
    return new Reading(v, site, deviceId, sensorId, seq, ts, tempC, quality, bootId, clockUnsynced);
  }

  private static void write(AlarmCommand c, DataOutputView out) throws IOException {
    out.writeInt(c.v());
    StringSerializer.INSTANCE.serialize(c.alarmId(), out);
    out.writeByte(c.action().ordinal());
    StringSerializer.INSTANCE.serialize(c.by(), out);
    StringSerializer.INSTANCE.serialize(c.comment(), out);
    writeInstant(c.ts(), out);
  }

  private static AlarmCommand readCommand(DataInputView in) throws IOException {
    int v = in.readInt();
    String alarmId = StringSerializer.INSTANCE.deserialize(in);
    AlarmCommand.Action action = ACTIONS[in.readByte()];
    String by = StringSerializer.INSTANCE.deserialize(in);
    String comment = StringSerializer.INSTANCE.deserialize(in);
    return new AlarmCommand(v, alarmId, action, by, comment, readInstant(in));
  }

  private static void writeInstant(Instant instant, DataOutputView out) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputView in) throws IOException {
    long seconds = in.readLong();
    return Instant.ofEpochSecond(seconds, in.readInt());
  }

  /** Restores {@link #INSTANCE}. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SensorInput> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
