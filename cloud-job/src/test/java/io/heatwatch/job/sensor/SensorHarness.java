package io.heatwatch.job.sensor;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** {@link SensorFunction} on Flink's keyed broadcast operator test harness. */
public final class SensorHarness implements AutoCloseable {
  /** The job's default dedupe TTL. */
  public static final Duration TTL = Duration.ofDays(7);

  public final KeyedBroadcastOperatorTestHarness<String, SensorInput, ConfigUpdate, Alarm> harness;

  /** The job's default retirement period. */
  public static final Duration RETIRE_AFTER = Duration.ofDays(7);

  public SensorHarness(Thresholds defaults) throws Exception {
    this(defaults, null);
  }

  /** A harness restored from {@code snapshot}, or empty when it is {@code null}. */
  public SensorHarness(Thresholds defaults, OperatorSubtaskState snapshot) throws Exception {
    this(defaults, snapshot, RETIRE_AFTER);
  }

  /** A harness that retires sensors not seen for {@code retireAfter}. */
  public SensorHarness(Duration retireAfter) throws Exception {
    this(Thresholds.DEFAULTS, null, retireAfter);
  }

  private SensorHarness(Thresholds defaults, OperatorSubtaskState snapshot, Duration retireAfter)
      throws Exception {
    harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new SensorFunction(defaults, TTL, retireAfter), List.of(SensorFunction.CONFIGS)),
            new SensorInputKey(),
            Types.STRING,
            1,
            1,
            0);
    harness.setup();
    if (snapshot != null) {
      harness.initializeState(snapshot);
    }
    harness.open();
  }

  public SensorHarness() throws Exception {
    this(Thresholds.DEFAULTS);
  }

  public void read(Reading reading) throws Exception {
    harness.processElement(SensorInput.of(reading), reading.ts().toEpochMilli());
  }

  /** Reads {@code reading} with the event time the source gave it, {@code timestamp}. */
  public void read(Reading reading, long timestamp) throws Exception {
    harness.processElement(SensorInput.of(reading), timestamp);
  }

  /** Moves event time on both inputs to {@code epochMs}. */
  public void watermark(long epochMs) throws Exception {
    harness.watermark(epochMs);
  }

  /** Keyed state entries held, all states and keys together (the harness runs the heap backend). */
  public int stateEntries() {
    return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
        .numKeyValueStateEntries();
  }

  public List<Alarm> alarms() {
    return harness.extractOutputValues();
  }

  public List<Alarm> alarms(AlarmKind kind) {
    return alarms().stream().filter(alarm -> alarm.kind() == kind).toList();
  }

  /** What went to the readings sink. */
  public List<StoredReading> stored() {
    return values(SensorFunction.READINGS);
  }

  /** The seqs of what went to the readings sink. */
  public List<Long> storedSeqs() {
    return stored().stream().map(r -> r.reading().seq()).toList();
  }

  public List<SensorMetrics> metrics() {
    return values(SensorFunction.METRICS);
  }

  public List<Reading> signsOfLife() {
    return values(SensorFunction.SIGNS_OF_LIFE);
  }

  private <T> List<T> values(OutputTag<T> tag) {
    var records = harness.getSideOutput(tag);
    return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
