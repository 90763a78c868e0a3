package io.heatwatch.job.functions;

import io.heatwatch.model.Reading;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

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
 * let through (counted): Elasticsearch's {@code _id} still keeps it from being shown twice.
 *
 * <p>A device silent for {@code ttl} of processing time is forgotten, by one timer per device that
 * re-arms itself while the device keeps sending. Flink's state TTL did the same at a cost of ~40 %
 * of this operator's time (a wrapped value per access and an incremental cleanup walk).
 *
 * <p>The first new reading of each wall-clock second of a device also goes to {@link
 * #SIGNS_OF_LIFE}: the offline detector needs to know that a device is alive, not every reading.
 */
public final class Deduplicator extends KeyedProcessFunction<String, Reading, Reading> {
  private static final long serialVersionUID = 1L;

  /** At most one new reading per device and second, for liveness. */
  public static final OutputTag<Reading> SIGNS_OF_LIFE = new OutputTag<>("signs-of-life") {};

  private static final long SECOND_MS = 1000;

  private final long ttlMs;
  private transient ValueState<long[]> window;
  private transient Counter duplicates;
  private transient Counter tooOld;
  private transient Counter forgotten;

  /** A deduplicator that forgets a device after {@code ttl} without new readings. */
  public Deduplicator(Duration ttl) {
    this.ttlMs = ttl.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    window =
        getRuntimeContext()
            .getState(
                // A new name: "seq-window" held the TTL-wrapped array without the last-seen time.
                new ValueStateDescriptor<>(
                    "device-window", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateReadings");
    tooOld = getRuntimeContext().getMetricGroup().counter("readingsOlderThanDedupeWindow");
    forgotten = getRuntimeContext().getMetricGroup().counter("devicesForgotten");
  }

  @Override
  public void processElement(Reading reading, Context ctx, Collector<Reading> out)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    long[] state = window.value();
    boolean newSecond;
    if (state == null) {
      newSecond = true;
      window.update(SeqWindow.first(reading.seq(), now));
      ctx.timerService().registerProcessingTimeTimer(now + ttlMs);
    } else {
      newSecond = now / SECOND_MS != SeqWindow.lastSeen(state) / SECOND_MS;
      switch (SeqWindow.accept(state, reading.seq())) {
        case DUPLICATE -> {
          duplicates.inc();
          return;
        }
        case TOO_OLD -> tooOld.inc();
        case FIRST -> {}
      }
      SeqWindow.touch(state, now);
      window.update(state);
    }
    out.collect(reading);
    if (newSecond) {
      ctx.output(SIGNS_OF_LIFE, reading);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Reading> out) throws Exception {
    long[] state = window.value();
    if (state == null) {
      return;
    }
    long due = SeqWindow.lastSeen(state) + ttlMs;
    if (timestamp >= due) {
      window.clear();
      forgotten.inc();
    } else {
      ctx.timerService().registerProcessingTimeTimer(due);
    }
  }
}
