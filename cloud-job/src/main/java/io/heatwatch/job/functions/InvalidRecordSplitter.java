package io.heatwatch.job.functions;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.Reading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes readings on and sends invalid records to {@link #INVALID}, one WARN line each. */
public final class InvalidRecordSplitter extends ProcessFunction<ParsedRecord, Reading> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(InvalidRecordSplitter.class);

  /** The side output of records that could not be read. */
  public static final OutputTag<InvalidRecord> INVALID =
      new OutputTag<>("invalid-records", TypeInformation.of(InvalidRecord.class));

  private transient Counter invalidRecords;

  @Override
  public void open(OpenContext openContext) {
    invalidRecords = getRuntimeContext().getMetricGroup().counter("invalidRecords");
  }

  @Override
  public void processElement(ParsedRecord record, Context ctx, Collector<Reading> out) {
    if (record.isValid()) {
      out.collect(record.reading());
      return;
    }
    InvalidRecord invalid = record.invalid();
    LOG.warn(
        "invalid record topic={} partition={} offset={}: {}",
        invalid.topic(),
        invalid.partition(),
        invalid.offset(),
        invalid.reason());
    invalidRecords.inc();
    ctx.output(INVALID, invalid);
  }
}
