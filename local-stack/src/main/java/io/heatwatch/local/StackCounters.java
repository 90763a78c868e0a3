package io.heatwatch.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.ElasticsearchHttp;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Reads how far readings have come through the chain: Kafka records, indexed docs, open alarms. */
final class StackCounters implements AutoCloseable {
  private static final String OPEN_ALARMS =
      "{\"size\":0,\"track_total_hits\":true,\"query\":{\"term\":{\"state\":\"OPEN\"}}}";

  private final Admin admin;
  private final ElasticsearchHttp elasticsearch;
  private final List<TopicPartition> readingPartitions;

  StackCounters(String bootstrapServers, String elasticsearchUrl, int partitions) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "heatwatch-demo-status");
    this.admin = Admin.create(props);
    this.elasticsearch = new ElasticsearchHttp(elasticsearchUrl);
    this.readingPartitions =
        java.util.stream.IntStream.range(0, partitions)
            .mapToObj(p -> new TopicPartition(KafkaTopics.READINGS, p))
            .toList();
  }

  /** Records written to the readings topic so far. */
  long inKafka() throws Exception {
    Map<TopicPartition, OffsetSpec> latest =
        readingPartitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all().get();
    return offsets.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
  }

  /** Reading documents searchable in Elasticsearch. */
  long indexed() {
    return elasticsearch.count("heatwatch-readings-*");
  }

  /** Alarms currently open. */
  long openAlarms() {
    if (elasticsearch.count("heatwatch-alarms") == 0) {
      return 0;
    }
    JsonNode result = elasticsearch.search("heatwatch-alarms", OPEN_ALARMS);
    return result.path("hits").path("total").path("value").asLong();
  }

  @Override
  public void close() {
    admin.close();
  }
}
