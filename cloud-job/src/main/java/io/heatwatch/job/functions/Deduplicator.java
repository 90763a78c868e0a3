package io.heatwatch.job.functions;

import io.heatwatch.model.Reading;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
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
  private transient ValueState<Long> highest;
  private transient ValueState<long[]> window;
  private transient Counter duplicates;
  private transient Counter tooOld;

  /** A deduplicator that forgets a device after {@code ttl} without new readings. */
  public Deduplicator(Duration ttl) {
    this.ttl = ttl;
  }

  @Override
  public void open(OpenContext openContext) {
    StateTtlConfig forget =
        StateTtlConfig.newBuilder(ttl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build();
    ValueStateDescriptor<Long> highestDescriptor =
        new ValueStateDescriptor<>("highest-seq", Types.LONG);
    highestDescriptor.enableTimeToLive(forget);
    ValueStateDescriptor<long[]> windowDescriptor =
        new ValueStateDescriptor<>(
            "seen-seq-window", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    windowDescriptor.enableTimeToLive(forget);
    highest = getRuntimeContext().getState(highestDescriptor);
    window = getRuntimeContext().getState(windowDescriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateReadings");
    tooOld = getRuntimeContext().getMetricGroup().counter("readingsOlderThanDedupeWindow");
  }

  @Override
  public void processElement(Reading reading, Context ctx, Collector<Reading> out)
      throws Exception {
    long seq = reading.seq();
    Long top = highest.value();
    long[] words = window.value();
    if (top == null || words == null) {
      highest.update(seq);
      window.update(SeqWindow.first());
    } else if (seq > top) {
      highest.update(seq);
      window.update(SeqWindow.advance(words, seq - top));
    } else if (top - seq >= SeqWindow.SIZE) {
      tooOld.inc();
    } else if (SeqWindow.seen(words, top - seq)) {
      duplicates.inc();
      return;
    } else {
      SeqWindow.mark(words, top - seq);
      window.update(words);
    }
    out.collect(reading);
  }
}
