package io.heatwatch.job.functions;

import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Reading;
import java.time.Instant;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class LateMarkerTest {

  @Test
  void marksReadingsAtOrBehindTheWatermarkLateAndStampsProcessingTime() throws Exception {
    Reading early = ok("pi-a", "t1", 1, 0, 20.0);
    Reading atWatermark = ok("pi-a", "t1", 2, 30, 20.0);
    Reading onTime = ok("pi-a", "t1", 3, 31, 20.0);

    // try/finally, not try-with-resources: the harness close() declares InterruptedException.
    OneInputStreamOperatorTestHarness<Reading, StoredReading> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new LateMarker());
    try {
      harness.setProcessingTime(1_000);
      harness.processWatermark(atWatermark.ts().toEpochMilli());
      for (Reading reading : new Reading[] {early, atWatermark, onTime}) {
        harness.processElement(reading, reading.ts().toEpochMilli());
      }

      assertThat(harness.extractOutputValues())
          .containsExactly(
              new StoredReading(early, true, Instant.ofEpochMilli(1_000)),
              new StoredReading(atWatermark, true, Instant.ofEpochMilli(1_000)),
              new StoredReading(onTime, false, Instant.ofEpochMilli(1_000)));
    } finally {
      harness.close();
    }
  }
}
