package io.heatwatch.job.functions;

import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.Reading;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class InvalidRecordSplitterTest {

  @Test
  void passesReadingsOnAndSendsInvalidRecordsToTheSideOutput() throws Exception {
    Reading reading = ok("pi-a", "t1", 1, 0, 20.0);
    InvalidRecord poison =
        new InvalidRecord("heatwatch.readings", 0, 7, "not valid JSON", new byte[] {'x'});

    // try/finally, not try-with-resources: the harness close() declares InterruptedException.
    OneInputStreamOperatorTestHarness<ParsedRecord, Reading> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new InvalidRecordSplitter());
    try {
      harness.processElement(ParsedRecord.of(reading), reading.ts().toEpochMilli());
      harness.processElement(ParsedRecord.rejected(poison), ParsedRecord.NO_TIMESTAMP);
      harness.processElement(ParsedRecord.of(reading), reading.ts().toEpochMilli());

      assertThat(harness.extractOutputValues()).containsExactly(reading, reading);
      assertThat(harness.getSideOutput(InvalidRecordSplitter.INVALID))
          .extracting(StreamRecord::getValue)
          .containsExactly(poison);
    } finally {
      harness.close();
    }
  }
}
