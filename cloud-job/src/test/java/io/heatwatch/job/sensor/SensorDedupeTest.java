package io.heatwatch.job.sensor;

import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.TestReadings;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * De-duplication on {@code (deviceId, seq)} and forgetting silent sensors, in {@link
 * SensorFunction}.
 */
class SensorDedupeTest {
  private static final long TTL_MS = SensorHarness.TTL.toMillis();

  private SensorHarness h;

  @BeforeEach
  void open() throws Exception {
    h = new SensorHarness();
    h.harness.setProcessingTime(0);
  }

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  @Test
  void dropsCopiesOfTheSameDeviceAndSeqBeforeDetection() throws Exception {
    Reading first = ok("pi-a", "t1", 1, 0, 40.0);
    Reading redelivered = ok("pi-a", "t1", 1, 0, 40.0).withBootId("another-run");

    h.read(first);
    h.read(redelivered);
    h.read(first);

    assertThat(h.stored()).extracting(r -> r.reading()).containsExactly(first);
    assertThat(h.alarms(AlarmKind.HIGH)).as("one alarm version, not one per copy").hasSize(1);
  }

  @Test
  void keepsReadingsThatDifferInDeviceSensorOrSeq() throws Exception {
    Reading a1 = ok("pi-a", "t1", 1, 0, 20.0);
    Reading a2 = ok("pi-a", "t2", 2, 0, 20.0);
    Reading a3 = ok("pi-a", "t1", 3, 0, 20.0);
    Reading b1 = ok("pi-b", "t1", 1, 0, 20.0);

    for (Reading r : new Reading[] {a1, a2, a3, b1}) {
      h.read(r);
    }

    assertThat(h.stored()).extracting(r -> r.reading()).containsExactly(a1, a2, a3, b1);
  }

  @Test
  void forgetsASensorOnceItsTtlHasPassed() throws Exception {
    Reading reading = ok("pi-a", "t1", 1, 0, 20.0);
    h.read(reading);

    h.harness.setProcessingTime(TTL_MS - 1);
    h.read(reading);
    assertThat(h.storedSeqs()).containsExactly(1L);

    h.watermark(TestReadings.T0.plusSeconds(60).toEpochMilli()); // its minute is out
    h.harness.setProcessingTime(TTL_MS + 1);
    assertThat(h.stateEntries()).as("dedupe and detection state of a forgotten sensor").isZero();
    h.read(reading);
    assertThat(h.storedSeqs()).containsExactly(1L, 1L);
  }

  @Test
  void aSensorWithAnOpenAlarmKeepsItsDetectionState() throws Exception {
    h.read(ok("pi-a", "t1", 1, 0, 40.0));
    h.harness.setProcessingTime(TTL_MS + 1);
    h.read(ok("pi-a", "t1", 2, 10, 20.0));
    assertThat(h.alarms(AlarmKind.HIGH))
        .as("the HIGH alarm opened before the silence clears after it")
        .extracting(a -> a.state().name())
        .containsExactly("OPEN", "CLEARED");
  }

  @Test
  void aSensorThatKeepsSendingIsRememberedForATtlAfterItsLatestReading() throws Exception {
    Reading first = ok("pi-a", "t1", 1, 0, 20.0);
    h.read(first);
    h.harness.setProcessingTime(TTL_MS - 1);
    h.read(ok("pi-a", "t1", 2, 0, 20.0));

    h.harness.setProcessingTime(2 * TTL_MS - 2);
    h.read(first);
    assertThat(h.storedSeqs()).containsExactly(1L, 2L);

    h.harness.setProcessingTime(2 * TTL_MS);
    h.read(first);
    assertThat(h.storedSeqs()).as("forgotten a TTL after seq 2").containsExactly(1L, 2L, 1L);
  }

  @Test
  void passesTheFirstNewReadingOfEachSecondAsASignOfLife() throws Exception {
    h.harness.setProcessingTime(10_000);
    h.read(ok("pi-a", "t1", 1, 0, 20.0));
    h.harness.setProcessingTime(10_400);
    h.read(ok("pi-a", "t1", 2, 0, 20.0));
    h.read(ok("pi-a", "t1", 2, 0, 20.0));
    h.harness.setProcessingTime(10_999);
    h.read(ok("pi-a", "t1", 3, 0, 20.0));
    h.harness.setProcessingTime(11_000);
    h.read(ok("pi-a", "t1", 1, 0, 20.0));
    h.read(ok("pi-a", "t1", 4, 0, 20.0));
    h.read(ok("pi-b", "t1", 1, 0, 20.0));
    h.harness.setProcessingTime(15_000);
    h.read(ok("pi-a", "t1", 5, 0, 20.0));

    assertThat(h.signsOfLife())
        .extracting(r -> r.deviceId() + ":" + r.seq())
        .containsExactly("pi-a:1", "pi-a:4", "pi-b:1", "pi-a:5");
  }

  @Test
  void theForgettingTimerAndTheSeenSeqsSurviveARestore() throws Exception {
    Reading reading = ok("pi-a", "t1", 1, 0, 20.0);
    h.read(reading);
    OperatorSubtaskState snapshot = h.harness.snapshot(1, 1);
    h.close();
    h = new SensorHarness(Thresholds.DEFAULTS, snapshot);

    h.read(reading);
    assertThat(h.stored()).as("still a duplicate after the restore").isEmpty();
    h.watermark(TestReadings.T0.plusSeconds(60).toEpochMilli());
    h.harness.setProcessingTime(TTL_MS);
    assertThat(h.stateEntries()).isZero();
  }

  @Test
  void dropsReplaysOfARecentBurstAndKeepsLateFirstArrivals() throws Exception {
    for (long seq : new long[] {1, 2, 3, 5, 6, 2, 3, 4, 6, 7, 4}) {
      h.read(ok("pi-a", "t1", seq, seq, 20.0));
    }
    assertThat(h.storedSeqs()).containsExactly(1L, 2L, 3L, 5L, 6L, 4L, 7L);
  }

  @Test
  void remembersExactlyTheWindowBelowTheHighestSeq() throws Exception {
    long top = 10_000;
    h.read(ok("pi-a", "t1", top - SeqWindow.SIZE + 1, 0, 20.0));
    h.read(ok("pi-a", "t1", top, 1, 20.0));
    h.read(ok("pi-a", "t1", top - SeqWindow.SIZE + 1, 0, 20.0));
    h.read(ok("pi-a", "t1", top - SeqWindow.SIZE, 0, 20.0));
    assertThat(h.storedSeqs())
        .as("the oldest seq in the window is still known; one below it is let through")
        .containsExactly(top - SeqWindow.SIZE + 1, top, top - SeqWindow.SIZE);
  }

  @Test
  void aLongJumpForgetsEverythingBelowTheNewWindow() throws Exception {
    h.read(ok("pi-a", "t1", 5, 0, 20.0));
    h.read(ok("pi-a", "t1", 5 + 3 * SeqWindow.SIZE, 1, 20.0));
    h.read(ok("pi-a", "t1", 5 + 3 * SeqWindow.SIZE - 1, 2, 20.0));
    h.read(ok("pi-a", "t1", 5 + 3 * SeqWindow.SIZE - 1, 2, 20.0));
    assertThat(h.stored()).hasSize(3);
  }
}
