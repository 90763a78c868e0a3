package io.heatwatch.job.sinks;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * An at-least-once Elasticsearch 7 sink whose {@link BulkWriter} dead-letters the documents
 * Elasticsearch refuses and retries the rest, instead of failing the job.
 */
final class BulkSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final List<URI> hosts;
  private final String username;
  private final String password;
  private final ElasticsearchEmitter<? super T> emitter;
  private final String kafkaBootstrapServers;
  private final String deadLetterTopic;
  private final BulkSettings settings;

  /**
   * Writes to {@code hosts} (with {@code username}/{@code password} unless null) through {@code
   * emitter}; refused documents go to {@code deadLetterTopic} on {@code kafkaBootstrapServers}.
   */
  BulkSink(
      List<URI> hosts,
      String username,
      String password,
      ElasticsearchEmitter<? super T> emitter,
      String kafkaBootstrapServers,
      String deadLetterTopic,
      BulkSettings settings) {
    this.hosts = List.copyOf(hosts);
    this.username = username;
    this.password = password;
    this.emitter = emitter;
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    this.deadLetterTopic = deadLetterTopic;
    this.settings = settings;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return writer(context.getProcessingTimeService(), context.metricGroup());
  }

  /** Flink 1.20 still declares this one abstract; it runs only where the above does not. */
  @Override
  @Deprecated
  public SinkWriter<T> createWriter(InitContext context) throws IOException {
    return writer(context.getProcessingTimeService(), context.metricGroup());
  }

  private SinkWriter<T> writer(ProcessingTimeService time, MetricGroup metrics) throws IOException {
    return new BulkWriter<>(
        emitter,
        new RestHighLevelClient(client()),
        new DeadLetters(kafkaBootstrapServers, deadLetterTopic),
        settings,
        time,
        metrics);
  }

  private RestClientBuilder client() {
    RestClientBuilder builder =
        RestClient.builder(
            hosts.stream()
                .map(uri -> new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()))
                .toArray(HttpHost[]::new));
    if (username != null) {
      builder.setHttpClientConfigCallback(
          http -> {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(
                AuthScope.ANY, new UsernamePasswordCredentials(username, password));
            return http.setDefaultCredentialsProvider(credentials);
          });
    }
    return builder;
  }
}
