package io.heatwatch.job.functions;

import io.heatwatch.model.Reading;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first reading of each {@code (deviceId, seq)} through and drops the copies that MQTT
 * redelivery, bridge retries and outbox replays produce.
 *
 * <p>Keyed by {@link DeviceKey}, rather than by {@code deviceId:seq}: one subtask then sees all of
 * a device's readings in Kafka order, and passes them on in that order to the per-sensor detectors.
 * Per device it keeps the highest seq seen and a bitmap of the {@value SeqWindow#SIZE} seqs below
 * it ({@link SeqWindow}): constant work and ~0.5 KB of state per device, where a map of every seen
 * seq grew with the readings and its TTL cleanup copied the whole map on each access (68 % of the
 * job's time in the pipeline benchmark). A reading older than the window cannot be judged and is
 * let through (counted): Elasticsearch's {@code _id} still keeps it from being shown twice. A
 * device silent for {@code ttl} is forgotten.
 */
public final class Deduplicator extends KeyedProcessFunction<String, Reading, Reading> {
  private static final long serialVersionUID = 1L;

  private final Duration ttl;
  private transient ValueState<long[]> window;
  private transient Counter duplicates;
  private transient Counter tooOld;

  /** A deduplicator that forgets a device after {@code ttl} without new readings. */
  public Deduplicator(Duration ttl) {
    this.ttl = ttl;
  }

  @Override
  public void open(OpenContext openContext) {
    // Expired devices are dropped one per state access on the heap backend (the default of five
    // walked the state table on every reading: 40 % of this operator's time in the pipeline
    // benchmark), from full snapshots, and by RocksDB's compaction filter.
    StateTtlConfig forget =
        StateTtlConfig.newBuilder(ttl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .cleanupIncrementally(1, false)
            .cleanupFullSnapshot()
            .cleanupInRocksdbCompactFilter(1000)
            .build();
    ValueStateDescriptor<long[]> descriptor =
        new ValueStateDescriptor<>(
            "seq-window", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    descriptor.enableTimeToLive(forget);
    window = getRuntimeContext().getState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateReadings");
    tooOld = getRuntimeContext().getMetricGroup().counter("readingsOlderThanDedupeWindow");
  }

  @Override
  public void processElement(Reading reading, Context ctx, Collector<Reading> out)
      throws Exception {
    long[] state = window.value();
    if (state == null) {
      window.update(SeqWindow.first(reading.seq()));
    } else {
      switch (SeqWindow.accept(state, reading.seq())) {
        case DUPLICATE -> {
          duplicates.inc();
          return;
        }
        case TOO_OLD -> tooOld.inc();
        case FIRST -> window.update(state);
      }
    }
    out.collect(reading);
  }
}
