package io.heatwatch.job.sinks;

import io.heatwatch.job.model.StoredReading;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.index.IndexRequest;

/**
 * Creates a canary reading in {@link IndexNames#CANARY} under {@code _id = deviceId:seq}, with the
 * fields of a reading; created, never overwritten, like readings.
 */
public final class CanaryEmitter implements ElasticsearchEmitter<StoredReading> {
  private static final long serialVersionUID = 1L;

  @Override
  public void emit(StoredReading stored, SinkWriter.Context context, RequestIndexer indexer) {
    indexer.add(request(stored));
  }

  static IndexRequest request(StoredReading stored) {
    return new IndexRequest(IndexNames.CANARY)
        .id(stored.reading().id())
        .opType(DocWriteRequest.OpType.CREATE)
        .source(ReadingEmitter.document(stored));
  }
}
