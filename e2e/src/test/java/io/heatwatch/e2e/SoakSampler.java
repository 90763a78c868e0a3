package io.heatwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.KafkaTopics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One sample of the soak's series: memory of this JVM (every server and the simulated fleet run in
 * it) split into what the JVM knows of (heap, and everything native memory tracking counts) and
 * what it does not (native code such as RocksDB, and the allocator's own fragmentation), the job's
 * Kafka consumer lag, its latest checkpoint, and the readings indices.
 */
final class SoakSampler implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STATUS_KB = Pattern.compile("(\\w+):\\s+(\\d+) kB");
  private static final Pattern NMT_TOTAL =
      Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

  private final Admin admin;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String flinkUrl;
  private final String jobId;
  private final String elasticsearchUrl;
  private final Path brokerData;

  SoakSampler(
      String kafkaBootstrap,
      String flinkUrl,
      String jobId,
      String elasticsearchUrl,
      Path brokerData) {
    this.brokerData = brokerData;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap));
    this.flinkUrl = flinkUrl;
    this.jobId = jobId;
    this.elasticsearchUrl = elasticsearchUrl;
  }

  /**
   * One row.
   *
   * @param seconds since the soak began
   * @param heapMb heap in use in this JVM
   * @param heapCommittedMb heap committed by the collector
   * @param rssMb resident set size of this JVM (VmRSS)
   * @param rssAnonMb the anonymous part of it (RssAnon: heap, malloc, thread stacks; not mapped
   *     files)
   * @param trackedMb memory the JVM's native memory tracking counts as committed (heap, metaspace,
   *     code, threads, GC, direct buffers, the JVM's own malloc), NaN without {@code
   *     -XX:NativeMemoryTracking}
   * @param brokerLogMb the MQTT broker's RocksDB write-ahead logs: what its memtables hold, native
   *     memory outside NMT
   * @param lag readings in Kafka beyond the job's committed offsets (committed on checkpoints)
   * @param checkpointMs end-to-end duration of the latest completed checkpoint
   * @param checkpointKb size of the latest completed checkpoint
   * @param docs documents in heatwatch-readings-*
   * @param storeMb primary store size of heatwatch-readings-*
   * @param produced readings the fleet had delivered to the broker
   * @param waiting readings in the fleet's outboxes, not yet acknowledged by the broker
   */
  record Sample(
      double seconds,
      double heapMb,
      double heapCommittedMb,
      double rssMb,
      double rssAnonMb,
      double trackedMb,
      double brokerLogMb,
      long lag,
      long checkpointMs,
      double checkpointKb,
      long docs,
      double storeMb,
      long produced,
      long waiting) {
    static final String HEADER =
        "seconds,heap_mb,heap_committed_mb,rss_mb,rss_anon_mb,nmt_committed_mb,broker_wal_mb,kafka_lag,"
            + "checkpoint_ms,checkpoint_kb,es_docs,es_store_mb,produced,outbox";

    /**
     * Anonymous resident memory the JVM does not account for: native libraries' allocations and the
     * allocator's free-but-not-returned memory. NaN without native memory tracking.
     */
    double untrackedMb() {
      return rssAnonMb - trackedMb;
    }

    /** Readings the broker has acknowledged that are not searchable yet. */
    long behind() {
      return Math.max(0, produced - docs);
    }

    String csv() {
      return String.format(
          "%.0f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%d,%d,%.1f,%d,%.2f,%d,%d",
          seconds,
          heapMb,
          heapCommittedMb,
          rssMb,
          rssAnonMb,
          trackedMb,
          brokerLogMb,
          lag,
          checkpointMs,
          checkpointKb,
          docs,
          storeMb,
          produced,
          waiting);
    }
  }

  Sample sample(double seconds, long produced, long waiting) throws Exception {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    Map<String, Double> status = procStatusMb();
    JsonNode checkpoint =
        get(flinkUrl + "/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
    JsonNode stats =
        get(elasticsearchUrl + "/heatwatch-readings-*/_stats/docs,store")
            .path("_all")
            .path("primaries");
    return new Sample(
        seconds,
        heap.getUsed() / 1048576.0,
        heap.getCommitted() / 1048576.0,
        status.getOrDefault("VmRSS", Double.NaN),
        status.getOrDefault("RssAnon", Double.NaN),
        trackedMb(),
        logMb(brokerData),
        lag(),
        checkpoint.path("end_to_end_duration").asLong(),
        checkpoint.path("checkpointed_size").asLong(checkpoint.path("state_size").asLong())
            / 1024.0,
        stats.path("docs").path("count").asLong(),
        stats.path("store").path("size_in_bytes").asLong() / 1048576.0,
        produced,
        waiting);
  }

  private long lag() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets("heatwatch-job").partitionsToOffsetAndMetadata().get();
    List<TopicPartition> readings =
        committed.keySet().stream().filter(tp -> tp.topic().equals(KafkaTopics.READINGS)).toList();
    if (readings.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, OffsetSpec> latest =
        readings.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    long lag = 0;
    for (var entry : admin.listOffsets(latest).all().get().entrySet()) {
      lag += entry.getValue().offset() - committed.get(entry.getKey()).offset();
    }
    return lag;
  }

  /** Bytes of RocksDB write-ahead logs ({@code *.log}) under {@code dir}, in MiB. */
  private static double logMb(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
              .filter(f -> f.getFileName().toString().endsWith(".log") && Files.isRegularFile(f))
              .mapToLong(f -> f.toFile().length())
              .sum()
          / 1048576.0;
    }
  }

  /** The kB lines of /proc/self/status, in MiB by name. */
  private static Map<String, Double> procStatusMb() throws IOException {
    Map<String, Double> values = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      Matcher m = STATUS_KB.matcher(line);
      if (m.matches()) {
        values.put(m.group(1), Long.parseLong(m.group(2)) / 1024.0);
      }
    }
    return values;
  }

  /**
   * The committed total of {@code jcmd <pid> VM.native_memory summary}, asked of this JVM through
   * its DiagnosticCommand MBean; NaN when native memory tracking is off.
   */
  static double trackedMb() throws Exception {
    String summary =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmNativeMemory",
                    new Object[] {new String[] {"summary"}},
                    new String[] {String[].class.getName()});
    Matcher m = NMT_TOTAL.matcher(summary);
    return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  @Override
  public void close() {
    admin.close();
  }
}
