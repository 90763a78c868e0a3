package io.heatwatch.job.functions;

import io.heatwatch.model.Reading;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first reading of each {@code (deviceId, seq)} through and drops the copies that MQTT
 * redelivery, bridge retries and outbox replays produce.
 *
 * <p>Keyed by {@link DeviceKey} with the seen {@code seq}s in a map, rather than keyed by {@code
 * deviceId:seq}: one subtask then sees all of a device's readings in Kafka order, and passes them
 * on in that order to the per-sensor detectors. Each seq is forgotten {@code ttl} after it was seen
 * (processing time), which bounds the state; a copy that arrives later than that is let through
 * again, and Elasticsearch's {@code _id} still keeps it from being shown twice.
 */
public final class Deduplicator extends KeyedProcessFunction<String, Reading, Reading> {
  private static final long serialVersionUID = 1L;

  private final Duration ttl;
  private transient MapState<Long, Boolean> seenSeqs;
  private transient Counter duplicates;

  /** A deduplicator that remembers each reading's seq for {@code ttl}. */
  public Deduplicator(Duration ttl) {
    this.ttl = ttl;
  }

  @Override
  public void open(OpenContext openContext) {
    MapStateDescriptor<Long, Boolean> descriptor =
        new MapStateDescriptor<>("seen-seqs", Types.LONG, Types.BOOLEAN);
    // TTL on map state applies to each entry on its own.
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(ttl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build());
    seenSeqs = getRuntimeContext().getMapState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateReadings");
  }

  @Override
  public void processElement(Reading reading, Context ctx, Collector<Reading> out)
      throws Exception {
    if (seenSeqs.contains(reading.seq())) {
      duplicates.inc();
      return;
    }
    seenSeqs.put(reading.seq(), Boolean.TRUE);
    out.collect(reading);
  }
}
