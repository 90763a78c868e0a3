package io.heatwatch.job.sinks;

import io.heatwatch.job.model.SensorMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.index.VersionType;

/**
 * Indexes one sensor's window into the day's metrics index under {@link SensorMetrics#id()}, with
 * the window's count as an external version: a minute emitted again with late readings has a larger
 * count and replaces the document, while an older version (a retried item, a replay after a
 * restore) is refused with a conflict that the writer counts as already stored.
 */
public final class MetricsEmitter implements ElasticsearchEmitter<SensorMetrics> {
  private static final long serialVersionUID = 1L;

  @Override
  public void emit(SensorMetrics metrics, SinkWriter.Context context, RequestIndexer indexer) {
    indexer.add(
        new IndexRequest(IndexNames.metrics(metrics.windowStart()))
            .id(metrics.id())
            .version(metrics.count())
            .versionType(VersionType.EXTERNAL)
            .source(document(metrics)));
  }

  /** The document's fields, as mapped by {@code index-templates/heatwatch-metrics.json}. */
  static Map<String, Object> document(SensorMetrics metrics) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("site", metrics.site());
    doc.put("deviceId", metrics.deviceId());
    doc.put("sensorId", metrics.sensorId());
    doc.put("windowStart", metrics.windowStart().toString());
    doc.put("windowEnd", metrics.windowEnd().toString());
    doc.put("count", metrics.count());
    doc.put("min", metrics.min());
    doc.put("max", metrics.max());
    doc.put("avg", metrics.avg());
    doc.put("stddev", metrics.stddev());
    doc.put("firstTs", metrics.firstTs().toString());
    doc.put("lastTs", metrics.lastTs().toString());
    return doc;
  }
}
