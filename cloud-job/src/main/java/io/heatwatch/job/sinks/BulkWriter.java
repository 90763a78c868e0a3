package io.heatwatch.job.sinks;

import io.heatwatch.job.parse.ThrottledWarning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.elasticsearch.ElasticsearchException;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.rest.RestStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes documents to Elasticsearch in bulk and judges every item: a refused document (mapping or
 * parse error, any 4xx but 429) goes to the dead letters with Elasticsearch's reason and the writer
 * goes on; an overloaded or unreachable cluster (429, 5xx, connection refused, time-outs) is
 * retried with exponential back-off for as long as it takes. The connector's own writer fails the
 * job on any failed item, so one document Elasticsearch cannot store stopped the job for good.
 *
 * <p>At-least-once: {@link #flush} (before every checkpoint and at the end of input) returns only
 * when every document is stored or dead-lettered. Retries block the task like the connector's
 * back-pressure does, so Kafka is not read faster than Elasticsearch takes documents.
 */
final class BulkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);

  private final ElasticsearchEmitter<? super T> emitter;
  private final RestHighLevelClient client;
  private final DeadLetters deadLetters;
  private final BulkSettings settings;
  private final ProcessingTimeService time;
  private final List<DocWriteRequest<?>> pending = new ArrayList<>();
  private final RequestIndexer indexer = new Indexer();
  private final Counter refused;
  private final Counter duplicates;
  private final Counter retried;
  private final ThrottledWarning refusedLog = new ThrottledWarning();
  private final ThrottledWarning retryLog = new ThrottledWarning();
  private String lastCause = "";

  BulkWriter(
      ElasticsearchEmitter<? super T> emitter,
      RestHighLevelClient client,
      DeadLetters deadLetters,
      BulkSettings settings,
      ProcessingTimeService time,
      MetricGroup metrics)
      throws IOException {
    this.emitter = emitter;
    this.client = client;
    this.deadLetters = deadLetters;
    this.settings = settings;
    this.time = time;
    this.refused = metrics.counter("elasticsearchRefusedDocuments");
    this.retried = metrics.counter("elasticsearchRetriedDocuments");
    this.duplicates = metrics.counter("elasticsearchAlreadyStoredDocuments");
    try {
      emitter.open();
    } catch (Exception e) {
      throw new IOException("cannot open emitter " + emitter, e);
    }
    scheduleFlush();
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    emitter.emit(element, context, indexer);
    if (pending.size() >= settings.maxActions()) {
      sendAll();
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    sendAll();
    deadLetters.flush();
  }

  @Override
  public void close() throws Exception {
    try (client;
        deadLetters) {
      emitter.close();
    }
  }

  private void scheduleFlush() {
    time.registerTimer(
        time.getCurrentProcessingTime() + settings.flushInterval().toMillis(),
        now -> {
          sendAll();
          scheduleFlush();
        });
  }

  /** Sends everything pending, retrying what may succeed later until nothing is left. */
  private void sendAll() throws IOException, InterruptedException {
    if (pending.isEmpty()) {
      return;
    }
    List<DocWriteRequest<?>> todo = new ArrayList<>(pending);
    pending.clear();
    long backoff = settings.minBackoff().toMillis();
    while (!(todo = sendOnce(todo)).isEmpty()) {
      logRetry(todo.size(), backoff);
      Thread.sleep(backoff);
      backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
    }
  }

  /** Sends {@code requests} once; returns those to send again. */
  private List<DocWriteRequest<?>> sendOnce(List<DocWriteRequest<?>> requests) {
    BulkRequest bulk = new BulkRequest();
    requests.forEach(bulk::add);
    BulkResponse response;
    try {
      response = client.bulk(bulk, RequestOptions.DEFAULT);
    } catch (ElasticsearchException e) {
      return wholeRequestRefused(requests, e);
    } catch (IOException e) {
      lastCause = e.toString();
      return requests;
    }
    List<DocWriteRequest<?>> again = new ArrayList<>();
    for (BulkItemResponse item : response.getItems()) {
      if (!item.isFailed()) {
        continue;
      }
      DocWriteRequest<?> request = requests.get(item.getItemId());
      if (alreadyStored(item, request)) {
        duplicates.inc();
        continue;
      }
      if (BulkFailures.retryable(item.getFailure().getStatus())) {
        lastCause = item.getFailureMessage();
        again.add(request);
      } else {
        refuse(request, item.getFailureMessage());
      }
    }
    return again;
  }

  /**
   * A create of a document that exists, or an externally versioned write older than the stored
   * version: a replay of something stored, not a failure.
   */
  private static boolean alreadyStored(BulkItemResponse item, DocWriteRequest<?> request) {
    return item.getFailure().getStatus() == RestStatus.CONFLICT
        && (item.getOpType() == DocWriteRequest.OpType.CREATE
            || request.versionType() == VersionType.EXTERNAL);
  }

  /**
   * The whole bulk request was answered with an error status. A 4xx other than 429 (a request too
   * large, say) is split until the one document Elasticsearch refuses is found.
   */
  private List<DocWriteRequest<?>> wholeRequestRefused(
      List<DocWriteRequest<?>> requests, ElasticsearchException e) {
    if (BulkFailures.retryable(e.status())) {
      lastCause = e.getDetailedMessage();
      return requests;
    }
    if (requests.size() == 1) {
      refuse(requests.get(0), e.getDetailedMessage());
      return Collections.emptyList();
    }
    int half = requests.size() / 2;
    List<DocWriteRequest<?>> again = new ArrayList<>(sendOnce(requests.subList(0, half)));
    again.addAll(sendOnce(requests.subList(half, requests.size())));
    return again;
  }

  private void refuse(DocWriteRequest<?> request, String reason) {
    refused.inc();
    String why = "elasticsearch refused the document: " + reason;
    deadLetters.send(request.index(), request.id(), why, document(request));
    long count = refusedLog.add(1, System.currentTimeMillis());
    if (count > 0) {
      LOG.warn(
          "{} document(s) refused by Elasticsearch and sent to the invalid-records topic,"
              + " latest {}/{}: {}",
          count,
          request.index(),
          request.id(),
          reason);
    }
  }

  private void logRetry(int count, long backoff) {
    retried.inc(count);
    long due = retryLog.add(count, System.currentTimeMillis());
    if (due > 0) {
      LOG.warn(
          "Elasticsearch did not take {} document(s) (latest: {}); retrying, next in {} ms",
          due,
          lastCause,
          backoff);
    }
  }

  /** The document as it was sent, for the dead letter. */
  private static byte[] document(DocWriteRequest<?> request) {
    if (request instanceof IndexRequest index && index.source() != null) {
      return BytesReference.toBytes(index.source());
    }
    if (request instanceof UpdateRequest update) {
      if (update.upsertRequest() != null && update.upsertRequest().source() != null) {
        return BytesReference.toBytes(update.upsertRequest().source());
      }
      if (update.doc() != null && update.doc().source() != null) {
        return BytesReference.toBytes(update.doc().source());
      }
    }
    return request.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Collects what the emitter produces for the next bulk request. */
  private final class Indexer implements RequestIndexer {
    @Override
    public void add(DeleteRequest... requests) {
      Collections.addAll(pending, requests);
    }

    @Override
    public void add(IndexRequest... requests) {
      Collections.addAll(pending, requests);
    }

    @Override
    public void add(UpdateRequest... requests) {
      Collections.addAll(pending, requests);
    }
  }
}
