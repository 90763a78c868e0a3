package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.DeviceEvent;
import io.heatwatch.job.sensor.SensorHarness;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes keyed-state snapshots of this build's sensor and device operators on Flink's test
 * harnesses, for the next release's restore tests: {@code sensors-<commit>.snapshot} and {@code
 * devices-<commit>.snapshot} in the directory {@code -Dheatwatch.snapshot.out} names, with {@code
 * -Dheatwatch.snapshot.commit} the commit that wrote them. Runs only when asked.
 */
@EnabledIfSystemProperty(named = ReleaseSnapshotWriter.OUT, matches = ".+")
class ReleaseSnapshotWriter {
  static final String OUT = "heatwatch.snapshot.out";
  private static final long BASE = T0.toEpochMilli();
  private static final long MINUTE = 60_000;

  /**
   * pi/t1 with its config (HIGH at 30) in broadcast state; readings seq 1-10 at T0 + 0..90 s
   * (20.0/20.1/20.2 °C) and seq 11 at T0 + 100 s (33 °C: HIGH open, threshold 30); watermark T0 +
   * 90 s, so the minute from T0 is emitted and the one from T0 + 60 s (5 readings) is open;
   * processing time T0 (the sensor's forget/retire timer at T0 + 7 d).
   */
  @Test
  void sensors() throws Exception {
    try (SensorHarness h = new SensorHarness(Thresholds.DEFAULTS)) {
      h.harness.setProcessingTime(BASE);
      h.harness.processBroadcastElement(new ConfigUpdate("pi/t1", config()), BASE);
      for (int i = 0; i < 10; i++) {
        h.read(ok("pi", "t1", i + 1, i * 10, 20.0 + 0.1 * (i % 3)));
      }
      h.read(ok("pi", "t1", 11, 100, 33));
      h.watermark(BASE + 90_000);
      assertThat(h.alarms())
          .extracting(Alarm::kind, Alarm::state, Alarm::threshold)
          .containsExactly(tuple(AlarmKind.HIGH, AlarmState.OPEN, 30.0));
      assertThat(h.metrics()).singleElement().satisfies(m -> assertThat(m.count()).isEqualTo(6));
      write(h.harness.snapshot(1, BASE), "sensors");
    }
  }

  /**
   * Device pi: an ONLINE status at processing time T0, its config for t1, readings of t1 and t2
   * every 10 s from T0 to T0 + 60 s, then of t2 alone until T0 + 180 s (SENSOR_SILENT of t1 open at
   * T0 + 180 s), then nothing for 10 min (DEVICE_OFFLINE open at T0 + 8 min).
   */
  @Test
  void devices() throws Exception {
    try (var h = ReleaseSnapshots.deviceHarness(null)) {
      h.setProcessingTime(BASE);
      h.processElement2(DeviceEvent.of(status()), 0);
      h.processElement2(DeviceEvent.of(new ConfigUpdate("pi/t1", config())), 0);
      long seq = 0;
      for (long s = 0; s <= 60; s += 10) {
        h.setProcessingTime(BASE + s * 1000);
        h.processElement1(ok("pi", "t1", ++seq, s, 21), 0);
        h.processElement1(ok("pi", "t2", ++seq, s, 21), 0);
      }
      for (long s = 70; s <= 180; s += 10) {
        h.setProcessingTime(BASE + s * 1000);
        h.processElement1(ok("pi", "t2", ++seq, s, 21), 0);
      }
      h.setProcessingTime(BASE + 13 * MINUTE);
      assertThat(h.extractOutputValues())
          .extracting(Alarm::kind, Alarm::state, Alarm::sensorId)
          .containsExactly(
              tuple(AlarmKind.SENSOR_SILENT, AlarmState.OPEN, "t1"),
              tuple(AlarmKind.DEVICE_OFFLINE, AlarmState.OPEN, null));
      write(h.snapshot(1, BASE + 13 * MINUTE), "devices");
    }
  }

  private static void write(OperatorSubtaskState state, String operator) throws Exception {
    Path dir = Path.of(System.getProperty(OUT));
    Files.createDirectories(dir);
    String commit = System.getProperty("heatwatch.snapshot.commit", "unknown");
    OperatorSnapshotUtil.writeStateHandle(
        state, dir.resolve(operator + "-" + commit + ".snapshot").toString());
  }

  static SensorConfig config() {
    return SensorConfig.builder()
        .sensorId("t1")
        .site("home")
        .deviceId("pi")
        .name("snapshot sensor")
        .highC(30.0)
        .maxRateCPerMin(1000.0)
        .spikeZ(1000.0)
        .updatedAt(T0)
        .updatedBy("snapshot-writer")
        .build();
  }

  private static DeviceStatus status() {
    return DeviceStatus.builder()
        .site("home")
        .deviceId("pi")
        .state(DeviceStatus.DeviceState.ONLINE)
        .ts(T0)
        .bootId("boot-1")
        .agentVersion("1.0.0")
        .outboxDepth(0L)
        .dropped(0L)
        .uptimeS(60L)
        .cpuTempC(45.0)
        .sensorsConfigured(2L)
        .sensorsSeen(2L)
        .lastGoodReadTs(T0)
        .build();
  }
}
