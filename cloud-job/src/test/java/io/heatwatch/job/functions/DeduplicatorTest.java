package io.heatwatch.job.functions;

import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Reading;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
  private static final Duration TTL = Duration.ofDays(7);

  private KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new Deduplicator(TTL)), new DeviceKey(), Types.STRING);
    harness.open();
    harness.setProcessingTime(0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void dropsCopiesOfTheSameDeviceAndSeq() throws Exception {
    Reading first = ok("pi-a", "t1", 1, 0, 20.0);
    Reading redelivered = ok("pi-a", "t1", 1, 0, 20.0).withBootId("another-run");

    process(first);
    process(redelivered);
    process(first);

    assertThat(harness.extractOutputValues()).containsExactly(first);
  }

  @Test
  void keepsReadingsThatDifferInDeviceOrSeq() throws Exception {
    Reading a1 = ok("pi-a", "t1", 1, 0, 20.0);
    Reading a2 = ok("pi-a", "t2", 2, 0, 20.0);
    Reading b1 = ok("pi-b", "t1", 1, 0, 20.0);

    process(a1);
    process(a2);
    process(b1);

    assertThat(harness.extractOutputValues()).containsExactly(a1, a2, b1);
  }

  @Test
  void forgetsAReadingIdOnceItsTtlHasPassed() throws Exception {
    Reading reading = ok("pi-a", "t1", 1, 0, 20.0);
    process(reading);

    harness.setProcessingTime(TTL.toMillis() - 1);
    process(reading);
    assertThat(harness.extractOutputValues()).containsExactly(reading);

    harness.setProcessingTime(TTL.toMillis() + 1);
    assertThat(harness.numKeyedStateEntries()).as("state of a forgotten device").isZero();
    process(reading);
    assertThat(harness.extractOutputValues()).containsExactly(reading, reading);
  }

  @Test
  void aDeviceThatKeepsSendingIsRememberedForATtlAfterItsLatestReading() throws Exception {
    Reading first = ok("pi-a", "t1", 1, 0, 20.0);
    process(first);
    harness.setProcessingTime(TTL.toMillis() - 1);
    process(ok("pi-a", "t1", 2, 0, 20.0));

    harness.setProcessingTime(2 * TTL.toMillis() - 2);
    process(first);
    assertThat(harness.extractOutputValues()).extracting(Reading::seq).containsExactly(1L, 2L);

    harness.setProcessingTime(2 * TTL.toMillis());
    process(first);
    assertThat(harness.extractOutputValues())
        .extracting(Reading::seq)
        .as("forgotten a TTL after seq 2")
        .containsExactly(1L, 2L, 1L);
  }

  @Test
  void passesTheFirstNewReadingOfEachSecondAsASignOfLife() throws Exception {
    harness.setProcessingTime(10_000);
    process(ok("pi-a", "t1", 1, 0, 20.0));
    harness.setProcessingTime(10_400);
    process(ok("pi-a", "t1", 2, 0, 20.0));
    process(ok("pi-a", "t1", 2, 0, 20.0));
    harness.setProcessingTime(10_999);
    process(ok("pi-a", "t1", 3, 0, 20.0));
    harness.setProcessingTime(11_000);
    process(ok("pi-a", "t1", 1, 0, 20.0));
    process(ok("pi-a", "t1", 4, 0, 20.0));
    process(ok("pi-b", "t1", 1, 0, 20.0));
    harness.setProcessingTime(15_000);
    process(ok("pi-a", "t1", 5, 0, 20.0));

    assertThat(harness.getSideOutput(Deduplicator.SIGNS_OF_LIFE))
        .extracting(record -> record.getValue().deviceId() + ":" + record.getValue().seq())
        .containsExactly("pi-a:1", "pi-a:4", "pi-b:1", "pi-a:5");
  }

  @Test
  void theForgettingTimerSurvivesARestore() throws Exception {
    Reading reading = ok("pi-a", "t1", 1, 0, 20.0);
    process(reading);
    var snapshot = harness.snapshot(1, 1);
    harness.close();
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new Deduplicator(TTL)), new DeviceKey(), Types.STRING);
    harness.initializeState(snapshot);
    harness.open();

    process(reading);
    assertThat(harness.extractOutputValues()).as("still a duplicate after the restore").isEmpty();
    harness.setProcessingTime(TTL.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void dropsReplaysOfARecentBurstAndKeepsLateFirstArrivals() throws Exception {
    for (long seq : new long[] {1, 2, 3, 5, 6, 2, 3, 4, 6, 7, 4}) {
      process(ok("pi-a", "t1", seq, 0, 20.0));
    }
    assertThat(harness.extractOutputValues())
        .extracting(Reading::seq)
        .containsExactly(1L, 2L, 3L, 5L, 6L, 4L, 7L);
  }

  @Test
  void remembersExactlyTheWindowBelowTheHighestSeq() throws Exception {
    long top = 10_000;
    process(ok("pi-a", "t1", top - SeqWindow.SIZE + 1, 0, 20.0));
    process(ok("pi-a", "t1", top, 0, 20.0));
    process(ok("pi-a", "t1", top - SeqWindow.SIZE + 1, 0, 20.0));
    process(ok("pi-a", "t1", top - SeqWindow.SIZE, 0, 20.0));
    assertThat(harness.extractOutputValues())
        .extracting(Reading::seq)
        .as("the oldest seq in the window is still known; one below it is let through")
        .containsExactly(top - SeqWindow.SIZE + 1, top, top - SeqWindow.SIZE);
  }

  @Test
  void aLongJumpForgetsEverythingBelowTheNewWindow() throws Exception {
    process(ok("pi-a", "t1", 5, 0, 20.0));
    process(ok("pi-a", "t1", 5 + 3 * SeqWindow.SIZE, 0, 20.0));
    process(ok("pi-a", "t1", 5 + 3 * SeqWindow.SIZE - 1, 0, 20.0));
    process(ok("pi-a", "t1", 5 + 3 * SeqWindow.SIZE - 1, 0, 20.0));
    assertThat(harness.extractOutputValues()).hasSize(3);
  }

  private void process(Reading reading) throws Exception {
    harness.processElement(reading, reading.ts().toEpochMilli());
  }
}
