package io.heatwatch.console.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * {@code GET /api/health} for load balancers: whether this console can serve. It serves from
 * Elasticsearch (the live view's polls say whether that works, so a health probe adds no query);
 * without Kafka it still shows everything but cannot act, which is "degraded", not down. Kafka is
 * asked at most every {@link #KAFKA_EVERY}, however often probes come. The body holds states only.
 */
public final class ConsoleHealth implements AutoCloseable {
  static final Duration KAFKA_EVERY = Duration.ofSeconds(5);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);

  private final Supplier<Boolean> elasticsearchUp;
  private final Admin admin;
  private final Clock clock;
  private Instant kafkaCheckedAt = Instant.EPOCH;
  private boolean kafkaUp;

  /** {@code elasticsearchUp}: whether the live view's latest polls of Elasticsearch worked. */
  public ConsoleHealth(
      String kafkaBootstrapServers, Supplier<Boolean> elasticsearchUp, Clock clock) {
    this.elasticsearchUp = elasticsearchUp;
    this.clock = clock;
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "heatwatch-console-health",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000"));
  }

  /** The HTTP status (200 or 503) and the body. */
  public synchronized Answer check() {
    boolean es = elasticsearchUp.get();
    boolean kafka = kafkaUp();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", !es ? "down" : kafka ? "ok" : "degraded");
    body.put("elasticsearch", es ? "up" : "down");
    body.put("kafka", kafka ? "up" : "down");
    return new Answer(es ? 200 : 503, body);
  }

  /** An answer to a probe. */
  public record Answer(int status, Map<String, Object> body) {}

  private boolean kafkaUp() {
    Instant now = clock.instant();
    if (now.isBefore(kafkaCheckedAt.plus(KAFKA_EVERY))) {
      return kafkaUp;
    }
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis()))
          .nodes()
          .get(KAFKA_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
      kafkaUp = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kafkaUp = false;
    } catch (Exception e) {
      kafkaUp = false;
    }
    kafkaCheckedAt = clock.instant();
    return kafkaUp;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
