package io.heatwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.job.sinks.InvalidRecordSerializer;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.testkit.ElasticsearchHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads back what the stack made of the hostile run: Elasticsearch and the two reject topics. */
final class Ledger {
  /** The bridge's dead-letter headers (the bridge keeps its own constants package-private). */
  static final String DLQ_TOPIC_HEADER = "mqtt.topic";

  static final String DLQ_REASON_HEADER = "heatwatch.dlq.reason";

  /** The producer's request limit: nothing the stack writes may come near it. */
  private static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private final LocalStack stack;
  private final ElasticsearchHttp es;

  Ledger(LocalStack stack, ElasticsearchHttp es) {
    this.stack = stack;
    this.es = es;
  }

  long indexedValid(Books books) {
    es.refresh("heatwatch-readings-*");
    return total(termQuery("site", Books.VALID_SITE));
  }

  void assertValidReadingsIndexedOnceAndUnchanged(Books books) {
    es.refresh("heatwatch-readings-*");
    assertThat(total(termQuery("site", Books.VALID_SITE)))
        .as("valid readings indexed")
        .isEqualTo(books.validSent());
    books.lastSeq.forEach(
        (device, last) ->
            assertThat(
                    total(
                        "{\"bool\":{\"filter\":[{\"term\":{\"deviceId\":\""
                            + device
                            + "\"}},{\"range\":{\"seq\":{\"gte\":1,\"lte\":"
                            + last
                            + "}}}]}}"))
                .as("readings of %s, seq 1..%d, each once", device, last)
                .isEqualTo(last));
    Map<String, Double> indexed = values(new ArrayList<>(books.replayed.keySet()));
    assertThat(indexed)
        .as("a replayed (device, seq) keeps the value first sent")
        .containsExactlyInAnyOrderEntriesOf(books.replayed);
    List<String> acceptable =
        books.acceptable.values().stream().flatMap(List::stream).collect(Collectors.toList());
    assertThat(values(acceptable).keySet())
        .as("generated messages the contract accepts are indexed like any reading")
        .containsExactlyInAnyOrderElementsOf(acceptable);
  }

  void assertEveryHostileAccountedFor(Books books) {
    Map<Integer, String> outcomes = new HashMap<>(books.outcomes);
    books.acceptable.keySet().forEach(n -> outcomes.put(n, "valid after all: indexed"));
    List<String> problems = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(3))
        .until(
            () -> {
              readDeadLetters(books, outcomes, problems);
              readInvalid(books, outcomes, problems);
              return outcomes.keySet().containsAll(books.kinds.keySet());
            });
    assertThat(problems).as("dead letters without a reason or too large").isEmpty();
    Map<String, Map<String, Integer>> table = HostileInputIT.byClass(books.kinds, outcomes);
    books.outcomes.clear();
    books.outcomes.putAll(outcomes);
    assertThat(table.values())
        .as("every hostile message refused, dead-lettered or set aside: %s", table)
        .allSatisfy(counts -> assertThat(counts).doesNotContainKey("unaccounted"));
  }

  private void readDeadLetters(Books books, Map<Integer, String> outcomes, List<String> problems) {
    for (ConsumerRecord<byte[], byte[]> record : readAll(KafkaTopics.READINGS_DLQ)) {
      String topic = HostileInputIT.header(record, DLQ_TOPIC_HEADER);
      int n =
          MqttTopics.parse(topic == null ? "" : topic)
              .map(a -> Books.hostileNumber(a.deviceId()))
              .orElse(-1);
      if (n < 0) {
        continue;
      }
      String reason = HostileInputIT.header(record, DLQ_REASON_HEADER);
      check(record, reason, problems);
      outcomes.putIfAbsent(n, "dead-lettered by the bridge");
      books.exampleReasons.putIfAbsent(books.kinds.get(n), reason);
    }
  }

  private void readInvalid(Books books, Map<Integer, String> outcomes, List<String> problems) {
    for (ConsumerRecord<byte[], byte[]> record : readAll(KafkaTopics.READINGS_INVALID)) {
      if (!KafkaTopics.LEGACY.equals(
          HostileInputIT.header(record, InvalidRecordSerializer.TOPIC_HEADER))) {
        continue;
      }
      Integer n =
          books.legacyAt.get(
              HostileInputIT.header(record, InvalidRecordSerializer.PARTITION_HEADER)
                  + ":"
                  + HostileInputIT.header(record, InvalidRecordSerializer.OFFSET_HEADER));
      if (n == null) {
        continue;
      }
      String reason = HostileInputIT.header(record, InvalidRecordSerializer.REASON_HEADER);
      check(record, reason, problems);
      outcomes.putIfAbsent(n, "set aside by the job");
      books.exampleReasons.putIfAbsent(books.kinds.get(n), reason);
    }
  }

  private static void check(
      ConsumerRecord<byte[], byte[]> record, String reason, List<String> problems) {
    if (reason == null || reason.isBlank()) {
      problems.add(record.topic() + "@" + record.offset() + ": no reason");
    }
    int size = record.serializedValueSize() + Math.max(0, record.serializedKeySize());
    if (size > MAX_REQUEST_BYTES / 2) {
      problems.add(record.topic() + "@" + record.offset() + ": " + size + " bytes");
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  private long total(String query) {
    return es.search(
            "heatwatch-readings-*",
            "{\"size\":0,\"track_total_hits\":true,\"query\":" + query + "}")
        .path("hits")
        .path("total")
        .path("value")
        .asLong();
  }

  private static String termQuery(String field, String value) {
    return "{\"term\":{\"" + field + "\":\"" + value + "\"}}";
  }

  /** tempC of each id found in the readings indices. */
  private Map<String, Double> values(List<String> ids) {
    Map<String, Double> found = new TreeMap<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      String values = chunk.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
      JsonNode hits =
          HostileInputIT.hits(
              es.search(
                  "heatwatch-readings-*",
                  "{\"size\":1000,\"query\":{\"ids\":{\"values\":[" + values + "]}}}"));
      hits.forEach(
          hit -> found.put(hit.path("_id").asText(), hit.path("_source").path("tempC").asDouble()));
    }
    return found;
  }
}
