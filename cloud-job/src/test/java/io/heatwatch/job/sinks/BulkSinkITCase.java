package io.heatwatch.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.job.TestReadings;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FaultProxy;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.action.index.IndexRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job's Elasticsearch sink on a MiniCluster against a real Elasticsearch and Kafka: a document
 * Elasticsearch refuses goes to the invalid-records topic with its reason and the job goes on; an
 * unreachable Elasticsearch is waited for, not failed on.
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class, FlinkExtension.class})
class BulkSinkITCase {
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration DEADLINE = Duration.ofMinutes(2);
  private static final BulkSettings FAST =
      new BulkSettings(5, Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(500));

  private final String device = "bulk-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aRefusedDocumentIsDeadLetteredAndTheReadingsAfterItAreIndexed(
      KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink) throws Exception {
    kafka.createTopics(1, KafkaTopics.READINGS_INVALID);
    IndexTemplates.install(elasticsearch.httpUrl());
    List<StoredReading> readings = readings(20);
    StreamExecutionEnvironment env = flink.environment(1);
    env.fromData(readings, TypeInformation.of(StoredReading.class))
        .sinkTo(
            ElasticsearchSinks.create(
                List.of(URI.create(elasticsearch.httpUrl())),
                Optional.empty(),
                new PoisonSeqEmitter(3),
                kafka.bootstrapServers(),
                FAST));
    JobClient job = env.executeAsync("refused document");

    awaitFinished(job);
    ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
    es.refresh(IndexNames.READINGS_PREFIX + "*");
    assertThat(indexed(es)).isEqualTo(readings.size() - 1);
    String refusedId = readings.get(2).reading().id();
    assertThat(es.get(IndexNames.readings(TestReadings.T0), refusedId)).isNull();
    ConsumerRecord<byte[], byte[]> dead = deadLetter(kafka, refusedId);
    assertThat(header(dead, InvalidRecordSerializer.REASON_HEADER))
        .contains("mapper_parsing_exception")
        .contains("tempC");
    assertThat(header(dead, InvalidRecordSerializer.INDEX_HEADER))
        .isEqualTo(IndexNames.readings(TestReadings.T0));
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("\"tempC\":1.0E39");
  }

  @Test
  void waitsForAnUnreachableElasticsearchAndIndexesEverythingOnceItIsBack(
      KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink) throws Exception {
    IndexTemplates.install(elasticsearch.httpUrl());
    List<StoredReading> readings = readings(30);
    try (FaultProxy proxy = FaultProxy.start(LOOPBACK, elasticsearch.httpPort(), 7)) {
      proxy.cut();
      StreamExecutionEnvironment env = flink.environment(1);
      env.fromData(readings, TypeInformation.of(StoredReading.class))
          .sinkTo(
              ElasticsearchSinks.create(
                  List.of(URI.create("http://" + LOOPBACK + ":" + proxy.port())),
                  Optional.empty(),
                  new ReadingEmitter(),
                  kafka.bootstrapServers(),
                  FAST));
      JobClient job = env.executeAsync("unreachable elasticsearch");
      // several attempts refused while cut, and the job still running
      await()
          .atMost(DEADLINE)
          .until(() -> proxy.accepted() >= 5 || job.getJobStatus().get().isGloballyTerminalState());
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      proxy.heal();
      awaitFinished(job);
    }
    ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
    es.refresh(IndexNames.READINGS_PREFIX + "*");
    assertThat(indexed(es)).isEqualTo(readings.size());
  }

  /**
   * The job's dedupe remembers a window of seqs per device; a replay from further back (a device
   * resending an old backlog, or a forged reading) must still not overwrite what is stored.
   */
  @Test
  void aReplayOfAStoredReadingWithAnotherValueDoesNotOverwriteIt(
      KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink) throws Exception {
    IndexTemplates.install(elasticsearch.httpUrl());
    List<StoredReading> readings = new ArrayList<>(readings(10));
    for (int i = 1; i <= 10; i++) {
      readings.add(
          new StoredReading(TestReadings.ok(device, "t1", i, i, 99.0), false, Instant.now()));
    }
    StreamExecutionEnvironment env = flink.environment(1);
    env.fromData(readings, TypeInformation.of(StoredReading.class))
        .sinkTo(
            ElasticsearchSinks.create(
                List.of(URI.create(elasticsearch.httpUrl())),
                Optional.empty(),
                new ReadingEmitter(),
                kafka.bootstrapServers(),
                FAST));
    awaitFinished(env.executeAsync("replayed readings"));

    ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
    es.refresh(IndexNames.READINGS_PREFIX + "*");
    assertThat(indexed(es)).isEqualTo(10);
    for (int i = 1; i <= 10; i++) {
      String id = readings.get(i - 1).reading().id();
      assertThat(
              es.get(IndexNames.readings(TestReadings.T0), id)
                  .path("_source")
                  .path("tempC")
                  .asDouble())
          .as(id)
          .isEqualTo(20.0 + i);
    }
  }

  /**
   * A minute is emitted again, whole, when late readings of it arrive; an older version of it (a
   * retried bulk item, a replay after a restore) must not overwrite a newer one.
   */
  @Test
  void aMinutesMetricsKeepTheVersionWithTheMostReadings(
      KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink) throws Exception {
    IndexTemplates.install(elasticsearch.httpUrl());
    Instant start = TestReadings.T0;
    List<SensorMetrics> versions =
        List.of(minute(start, 2, 21.0), minute(start, 5, 24.0), minute(start, 3, 22.0));
    StreamExecutionEnvironment env = flink.environment(1);
    env.fromData(versions, TypeInformation.of(SensorMetrics.class))
        .sinkTo(
            ElasticsearchSinks.create(
                List.of(URI.create(elasticsearch.httpUrl())),
                Optional.empty(),
                new MetricsEmitter(),
                kafka.bootstrapServers(),
                FAST));
    awaitFinished(env.executeAsync("versions of a minute"));

    ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
    var stored = es.get(IndexNames.metrics(start), versions.get(0).id()).path("_source");
    assertThat(stored.path("count").asLong()).isEqualTo(5);
    assertThat(stored.path("max").asDouble()).isEqualTo(24.0);
  }

  private SensorMetrics minute(Instant start, long count, double max) {
    return new SensorMetrics(
        "home",
        device,
        "t1",
        start,
        start.plusSeconds(60),
        count,
        20.0,
        max,
        21.0,
        0.5,
        start.plusSeconds(1),
        start.plusSeconds(50));
  }

  private static void awaitFinished(JobClient job) {
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> job.getJobStatus().get().isGloballyTerminalState());
    assertThat(job.getJobStatus().join()).isEqualTo(JobStatus.FINISHED);
  }

  private List<StoredReading> readings(int n) {
    List<StoredReading> readings = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      readings.add(
          new StoredReading(TestReadings.ok(device, "t1", i, i, 20.0 + i), false, Instant.now()));
    }
    return readings;
  }

  private long indexed(ElasticsearchHttp es) {
    return es.search(
            IndexNames.READINGS_PREFIX + "*",
            "{\"size\":0,\"track_total_hits\":true,\"query\":{\"term\":{\"deviceId\":\""
                + device
                + "\"}}}")
        .at("/hits/total/value")
        .asLong();
  }

  private static ConsumerRecord<byte[], byte[]> deadLetter(KafkaServer kafka, String id) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "bulk-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(KafkaTopics.READINGS_INVALID));
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (id.equals(header(record, InvalidRecordSerializer.ID_HEADER))) {
                    found.add(record);
                  }
                }
                return !found.isEmpty();
              });
      return found.get(0);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /**
   * The production reading document, but with a temperature no Elasticsearch {@code float} holds
   * for one seq: the contract refuses such a reading now, so only a test can still send one.
   */
  private static final class PoisonSeqEmitter implements ElasticsearchEmitter<StoredReading> {
    private static final long serialVersionUID = 1L;
    private final long poisonSeq;

    PoisonSeqEmitter(long poisonSeq) {
      this.poisonSeq = poisonSeq;
    }

    @Override
    public void emit(StoredReading stored, SinkWriter.Context context, RequestIndexer indexer) {
      Map<String, Object> doc = ReadingEmitter.document(stored);
      if (stored.reading().seq() == poisonSeq) {
        doc.put("tempC", 1e39);
      }
      indexer.add(
          new IndexRequest(IndexNames.readings(stored.reading().ts()))
              .id(stored.reading().id())
              .source(doc));
    }
  }
}
