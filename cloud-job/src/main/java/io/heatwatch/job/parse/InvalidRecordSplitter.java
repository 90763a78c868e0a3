package io.heatwatch.job.parse;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.Reading;
import java.io.Serializable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes readings on and sends invalid records to {@link #INVALID}. The metric {@code
 * invalidRecords} counts every one; the log names the first, then at most one line a minute with
 * the count since the last line and the latest record, so a garbage stream does not flood the log.
 */
public final class InvalidRecordSplitter extends ProcessFunction<ParsedRecord, Reading> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(InvalidRecordSplitter.class);

  /** The side output of records that could not be read. */
  public static final OutputTag<InvalidRecord> INVALID =
      new OutputTag<>("invalid-records", TypeInformation.of(InvalidRecord.class));

  /** Where a warning line goes: the log, or a test's list. */
  interface WarningLines extends Serializable {
    void warn(String line);
  }

  private final WarningLines lines;
  // Per subtask, not checkpointed: after a restore the first invalid record is named again.
  private transient ThrottledWarning throttle;
  transient Counter invalidRecords;

  public InvalidRecordSplitter() {
    this(line -> LOG.warn(line));
  }

  InvalidRecordSplitter(WarningLines lines) {
    this.lines = lines;
  }

  @Override
  public void open(OpenContext openContext) {
    invalidRecords = getRuntimeContext().getMetricGroup().counter("invalidRecords");
    throttle = new ThrottledWarning();
  }

  @Override
  public void processElement(ParsedRecord record, Context ctx, Collector<Reading> out) {
    if (record.isValid()) {
      out.collect(record.reading());
      return;
    }
    InvalidRecord invalid = record.invalid();
    long count = throttle.add(1, ctx.timerService().currentProcessingTime());
    if (count > 0) {
      lines.warn(
          "%d invalid record(s), latest topic=%s partition=%d offset=%d: %s"
              .formatted(
                  count, invalid.topic(), invalid.partition(), invalid.offset(), invalid.reason()));
    }
    invalidRecords.inc();
    ctx.output(INVALID, invalid);
  }
}
