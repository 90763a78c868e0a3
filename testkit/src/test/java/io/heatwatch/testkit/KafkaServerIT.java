package io.heatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class KafkaServerIT {
  @Test
  void recordsAreConsumedAndSurviveRestart(KafkaServer kafka) throws Exception {
    String topic = "testkit.kafka-it";
    kafka.createTopics(3, topic);
    kafka.createTopics(3, topic);

    try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
      producer.send(new ProducerRecord<>(topic, "pi-kitchen", "reading-1")).get();
    }
    assertThat(Records.readUntil(kafka, topic, "reading-1")).contains("reading-1");

    kafka.restart();

    assertThat(Records.readUntil(kafka, topic, "reading-1")).contains("reading-1");
  }

  @Test
  void compactedTopicIsCompacted(KafkaServer kafka) throws Exception {
    String topic = "testkit.kafka-it-compacted";
    kafka.createCompactedTopic(topic, 1);
    kafka.createCompactedTopic(topic, 1);

    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = admin(kafka)) {
      String policy =
          admin
              .describeConfigs(List.of(resource))
              .all()
              .get()
              .get(resource)
              .get(TopicConfig.CLEANUP_POLICY_CONFIG)
              .value();
      assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    }
  }

  @Test
  void acceptsOneHourTransactionsAsFlinkExactlyOnceNeeds(KafkaServer kafka) throws Exception {
    String topic = "testkit.kafka-it-transactions";
    kafka.createTopics(1, topic);
    Map<String, Object> transactional =
        Map.of(
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "testkit-it-" + UUID.randomUUID(),
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
            (int) Duration.ofHours(1).toMillis());
    try (KafkaProducer<String, String> producer = producer(kafka, transactional)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed"));
      producer.commitTransaction();
    }
    assertThat(Records.readUntil(kafka, topic, "committed")).containsExactly("committed");
  }

  private static KafkaProducer<String, String> producer(
      KafkaServer kafka, Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>(extra);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static Admin admin(KafkaServer kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}
