package io.heatwatch.job.sinks;

import io.heatwatch.job.JobConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchSink;
import org.apache.flink.connector.elasticsearch.sink.FlushBackoffType;
import org.apache.http.HttpHost;

/** Elasticsearch 7 sinks with the job's bulk settings. */
public final class ElasticsearchSinks {
  /** A bulk request goes out after this many actions... */
  static final int BULK_FLUSH_MAX_ACTIONS = 1000;

  /** ...or after this long, whichever comes first, so a quiet fleet is still shown within 1 s. */
  static final long BULK_FLUSH_INTERVAL_MS = 1000;

  // Retries of bulk requests that Elasticsearch rejected as overloaded (HTTP 429).
  private static final int BACKOFF_RETRIES = 5;
  private static final long BACKOFF_DELAY_MS = 500;

  private ElasticsearchSinks() {}

  /**
   * An at-least-once sink to {@code hosts} that writes through {@code emitter}; the emitters use
   * stable document ids, so the replays at-least-once allows overwrite rather than duplicate.
   */
  public static <T> ElasticsearchSink<T> create(
      List<URI> hosts,
      Optional<JobConfig.ElasticsearchLogin> login,
      ElasticsearchEmitter<? super T> emitter) {
    Elasticsearch7SinkBuilder<T> builder = new Elasticsearch7SinkBuilder<>();
    builder
        .setHosts(hosts.stream().map(ElasticsearchSinks::httpHost).toArray(HttpHost[]::new))
        .setBulkFlushMaxActions(BULK_FLUSH_MAX_ACTIONS)
        .setBulkFlushInterval(BULK_FLUSH_INTERVAL_MS)
        .setBulkFlushBackoffStrategy(
            FlushBackoffType.EXPONENTIAL, BACKOFF_RETRIES, BACKOFF_DELAY_MS)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
    login.ifPresent(
        l -> builder.setConnectionUsername(l.username()).setConnectionPassword(l.password()));
    return builder.setEmitter(emitter).build();
  }

  private static HttpHost httpHost(URI uri) {
    return new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme());
  }
}
