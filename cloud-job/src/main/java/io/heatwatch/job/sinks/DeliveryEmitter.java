package io.heatwatch.job.sinks;

import io.heatwatch.job.model.DeliveryDoc;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.common.xcontent.XContentType;

/**
 * Writes a delivery-log entry to {@code heatwatch-deliveries}, {@code _id} as {@link DeliveryDoc}.
 */
public final class DeliveryEmitter implements ElasticsearchEmitter<DeliveryDoc> {
  private static final long serialVersionUID = 1L;

  @Override
  public void emit(DeliveryDoc doc, SinkWriter.Context context, RequestIndexer indexer) {
    indexer.add(
        new IndexRequest(IndexNames.DELIVERIES).id(doc.id()).source(doc.json(), XContentType.JSON));
  }
}
