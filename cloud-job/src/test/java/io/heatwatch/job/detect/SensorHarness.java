package io.heatwatch.job.detect;

import io.heatwatch.job.functions.SensorInputKey;
import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.SensorInput;
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
final class SensorHarness implements AutoCloseable {
  /** The job's defaults: HIGH 35, LOW 0, hysteresis 1, rate 1 °C/min, no minimum duration. */
  static final Thresholds DEFAULTS = new Thresholds(35, 0, 1, 1.0, 0, 8, 1.0, 3_600_000, 3);

  /** The job's default dedupe TTL. */
  static final Duration TTL = Duration.ofDays(7);

  final KeyedBroadcastOperatorTestHarness<String, SensorInput, ConfigUpdate, Alarm> harness;

  /** The job's default retirement period. */
  static final Duration RETIRE_AFTER = Duration.ofDays(7);

  SensorHarness(Thresholds defaults) throws Exception {
    this(defaults, null);
  }

  /** A harness restored from {@code snapshot}, or empty when it is {@code null}. */
  SensorHarness(Thresholds defaults, OperatorSubtaskState snapshot) throws Exception {
    this(defaults, snapshot, RETIRE_AFTER);
  }

  /** A harness that retires sensors not seen for {@code retireAfter}. */
  SensorHarness(Duration retireAfter) throws Exception {
    this(DEFAULTS, null, retireAfter);
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

  SensorHarness() throws Exception {
    this(DEFAULTS);
  }

  void read(Reading reading) throws Exception {
    harness.processElement(SensorInput.of(reading), reading.ts().toEpochMilli());
  }

  /** Reads {@code reading} with the event time the source gave it, {@code timestamp}. */
  void read(Reading reading, long timestamp) throws Exception {
    harness.processElement(SensorInput.of(reading), timestamp);
  }

  /** Moves event time on both inputs to {@code epochMs}. */
  void watermark(long epochMs) throws Exception {
    harness.watermark(epochMs);
  }

  /** Keyed state entries held, all states and keys together (the harness runs the heap backend). */
  int stateEntries() {
    return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
        .numKeyValueStateEntries();
  }

  List<Alarm> alarms() {
    return harness.extractOutputValues();
  }

  List<Alarm> alarms(AlarmKind kind) {
    return alarms().stream().filter(alarm -> alarm.kind() == kind).toList();
  }

  /** What went to the readings sink. */
  List<StoredReading> stored() {
    return values(SensorFunction.READINGS);
  }

  /** The seqs of what went to the readings sink. */
  List<Long> storedSeqs() {
    return stored().stream().map(r -> r.reading().seq()).toList();
  }

  List<SensorMetrics> metrics() {
    return values(SensorFunction.METRICS);
  }

  List<Reading> signsOfLife() {
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
