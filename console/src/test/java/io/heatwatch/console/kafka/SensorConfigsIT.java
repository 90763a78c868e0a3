package io.heatwatch.console.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorRef;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console follows the sensor-config topic even when it starts before the topic exists. */
class SensorConfigsIT {
  @TempDir Path dir;

  @Test
  void aTopicMadeAfterTheConsoleStartedIsFollowed() throws Exception {
    try (KafkaServer kafka = KafkaServer.start(dir.resolve("kafka"), 0);
        SensorConfigs configs = new SensorConfigs(kafka.bootstrapServers())) {
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(10))
          .until(() -> !configs.following());

      kafka.createCompactedTopic(KafkaTopics.SENSOR_CONFIG, 1);
      SensorRef probe = new SensorRef("pi-cellar", "probe");
      SensorConfig config =
          SensorConfig.builder()
              .sensorId("probe")
              .site("home")
              .deviceId("pi-cellar")
              .name("cellar")
              .highC(12.0)
              .lowC(2.0)
              .updatedAt(Instant.parse("2026-12-04T10:00:00Z"))
              .updatedBy("operator")
              .build();
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        producer
            .send(
                new ProducerRecord<>(
                    KafkaTopics.SENSOR_CONFIG,
                    probe.key().getBytes(StandardCharsets.UTF_8),
                    TelemetryCodec.encode(config)))
            .get();
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> configs.get(probe).isPresent());
      assertThat(configs.following()).isTrue();
      assertThat(configs.get(probe)).contains(config);
    }
  }
}
