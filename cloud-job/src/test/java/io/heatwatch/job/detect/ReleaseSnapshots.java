package io.heatwatch.job.detect;

import io.heatwatch.job.device.DeviceKey;
import io.heatwatch.job.device.DeviceOfflineDetector;
import io.heatwatch.job.model.DeviceEvent;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Reading;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

/**
 * The operator snapshots of earlier releases, and the device operator's harness that reads them.
 */
final class ReleaseSnapshots {
  private ReleaseSnapshots() {}

  /** {@code operator}'s snapshot written by {@code release}, from {@code /snapshots/}. */
  static OperatorSubtaskState snapshot(String operator, String release) throws Exception {
    String path =
        Objects.requireNonNull(
                ReleaseSnapshots.class.getResource(
                    "/snapshots/" + operator + "-" + release + ".snapshot"))
            .getPath();
    return OperatorSnapshotUtil.readStateHandle(path);
  }

  /**
   * The device operator, as the job configures it, on a harness started from {@code snapshot}, or
   * from empty state when it is {@code null}.
   */
  static KeyedTwoInputStreamOperatorTestHarness<String, Reading, DeviceEvent, Alarm> deviceHarness(
      OperatorSubtaskState snapshot) throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(
                new DeviceOfflineDetector(
                    Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofDays(7))),
            new DeviceKey(),
            DeviceEvent::deviceId,
            Types.STRING);
    h.setup();
    if (snapshot != null) {
      h.initializeState(snapshot);
    }
    h.open();
    return h;
  }
}
