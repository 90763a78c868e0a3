package io.heatwatch.job.parse;

import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.Reading;
import java.util.ArrayList;
import java.util.List;
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

  private static final List<String> LINES = new ArrayList<>();

  @Test
  void aFloodOfInvalidRecordsLogsTheFirstThenOneLineAMinuteAndCountsEveryOne() throws Exception {
    LINES.clear();
    InvalidRecordSplitter splitter = new InvalidRecordSplitter(LINES::add);
    OneInputStreamOperatorTestHarness<ParsedRecord, Reading> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(splitter);
    try {
      harness.setProcessingTime(1_000);
      for (int i = 0; i < 1_000; i++) {
        InvalidRecord garbage =
            new InvalidRecord("heatwatch.readings", 0, i, "not valid JSON", new byte[] {'x'});
        harness.processElement(ParsedRecord.rejected(garbage), ParsedRecord.NO_TIMESTAMP);
      }
      assertThat(LINES).hasSize(1);
      assertThat(LINES.get(0)).contains("offset=0").contains("not valid JSON");

      harness.setProcessingTime(61_000);
      InvalidRecord next =
          new InvalidRecord("heatwatch.readings", 0, 1_000, "not valid JSON", new byte[] {'x'});
      harness.processElement(ParsedRecord.rejected(next), ParsedRecord.NO_TIMESTAMP);

      assertThat(LINES).hasSize(2);
      assertThat(LINES.get(1)).contains("1000 invalid record(s)").contains("offset=1000");
      assertThat(splitter.invalidRecords.getCount()).isEqualTo(1_001);
      assertThat(harness.getSideOutput(InvalidRecordSplitter.INVALID)).hasSize(1_001);
    } finally {
      harness.close();
    }
  }
}
