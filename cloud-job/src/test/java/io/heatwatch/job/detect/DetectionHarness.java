package io.heatwatch.job.detect;

import io.heatwatch.job.functions.SensorInputKey;
import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.SensorInput;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Reading;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/** {@link SensorDetectionFunction} on Flink's keyed broadcast operator test harness. */
final class DetectionHarness implements AutoCloseable {
  /** The job's defaults: HIGH 35, LOW 0, hysteresis 1, rate 1 °C/min, no minimum duration. */
  static final Thresholds DEFAULTS = new Thresholds(35, 0, 1, 1.0, 0, 8, 1.0, 3_600_000, 3);

  final KeyedBroadcastOperatorTestHarness<String, SensorInput, ConfigUpdate, Alarm> harness;

  DetectionHarness(Thresholds defaults) throws Exception {
    this(defaults, null);
  }

  /** A harness restored from {@code snapshot}, or empty when it is {@code null}. */
  DetectionHarness(Thresholds defaults, OperatorSubtaskState snapshot) throws Exception {
    harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new SensorDetectionFunction(defaults), List.of(SensorDetectionFunction.CONFIGS)),
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

  DetectionHarness() throws Exception {
    this(DEFAULTS);
  }

  void read(Reading reading) throws Exception {
    harness.processElement(SensorInput.of(reading), reading.ts().toEpochMilli());
  }

  List<Alarm> alarms() {
    return harness.extractOutputValues();
  }

  List<Alarm> alarms(AlarmKind kind) {
    return alarms().stream().filter(alarm -> alarm.kind() == kind).toList();
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
