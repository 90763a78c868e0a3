package io.heatwatch.job.sinks;

import io.heatwatch.job.JobConfig;
import io.heatwatch.model.KafkaTopics;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;

/** Elasticsearch 7 sinks with the job's bulk settings. */
public final class ElasticsearchSinks {
  private ElasticsearchSinks() {}

  /**
   * An at-least-once sink to {@code hosts} that writes through {@code emitter}; the emitters use
   * stable document ids, so the replays at-least-once allows overwrite rather than duplicate. A
   * document Elasticsearch refuses goes to {@link KafkaTopics#READINGS_INVALID} on {@code
   * kafkaBootstrapServers} with the reason; an overloaded or unreachable cluster is retried with
   * back-off until it takes the documents. Neither fails the job.
   */
  public static <T> Sink<T> create(
      List<URI> hosts,
      Optional<JobConfig.ElasticsearchLogin> login,
      ElasticsearchEmitter<? super T> emitter,
      String kafkaBootstrapServers) {
    return create(hosts, login, emitter, kafkaBootstrapServers, BulkSettings.DEFAULTS);
  }

  static <T> Sink<T> create(
      List<URI> hosts,
      Optional<JobConfig.ElasticsearchLogin> login,
      ElasticsearchEmitter<? super T> emitter,
      String kafkaBootstrapServers,
      BulkSettings settings) {
    return new BulkSink<>(
        hosts,
        login.map(JobConfig.ElasticsearchLogin::username).orElse(null),
        login.map(JobConfig.ElasticsearchLogin::password).orElse(null),
        emitter,
        kafkaBootstrapServers,
        KafkaTopics.READINGS_INVALID,
        settings);
  }
}
