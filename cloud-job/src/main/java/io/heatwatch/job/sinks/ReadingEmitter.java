package io.heatwatch.job.sinks;

import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Reading;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.index.IndexRequest;

/**
 * Creates a reading in its day's index under {@code _id = deviceId:seq}. Create, not index: the
 * first write of a reading wins, so a replay (an old backlog sent again beyond the job's dedupe
 * window, or a forged reading with another value) can neither add a document nor overwrite one; the
 * writer counts the conflict as already stored.
 */
public final class ReadingEmitter implements ElasticsearchEmitter<StoredReading> {
  private static final long serialVersionUID = 1L;

  @Override
  public void emit(StoredReading stored, SinkWriter.Context context, RequestIndexer indexer) {
    Reading reading = stored.reading();
    indexer.add(
        new IndexRequest(IndexNames.readings(reading.ts()))
            .id(reading.id())
            .opType(DocWriteRequest.OpType.CREATE)
            .source(document(stored)));
  }

  /** The document's fields, as mapped by {@code index-templates/heatwatch-readings.json}. */
  static Map<String, Object> document(StoredReading stored) {
    Reading reading = stored.reading();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("site", reading.site());
    doc.put("deviceId", reading.deviceId());
    doc.put("sensorId", reading.sensorId());
    doc.put("seq", reading.seq());
    doc.put("ts", reading.ts().toString());
    doc.put("tempC", reading.tempC());
    doc.put("quality", reading.quality().name());
    doc.put("bootId", reading.bootId());
    doc.put("late", stored.late());
    doc.put("ingestedAt", stored.ingestedAt().toString());
    // Readings whose time the device did not trust: charts and queries can leave them out.
    doc.put("clockUnsynced", Boolean.TRUE.equals(reading.clockUnsynced()));
    return doc;
  }
}
