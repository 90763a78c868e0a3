package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.job.sinks.IndexNames;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.job.sinks.InvalidRecordSerializer;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Versions;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production job on a MiniCluster between a real Kafka and a real Elasticsearch: readings (with
 * a duplicate, a batch, a poison record and a legacy record) go in, readings, metrics and alarms
 * come out.
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class, FlinkExtension.class})
class HeatwatchJobITCase {
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final DateTimeFormatter LEGACY_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  // Whole minutes in the past, so the first windows are closed once the last reading is read.
  private final Instant t0 =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
  private final String device = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String sensor1 = device + "-t1";
  private final String sensor2 = device + "-t2";
  private final long legacyOrderId = System.currentTimeMillis();
  private final List<Reading> unique = new ArrayList<>();
  private long seq;

  @Test
  void indexesReadingsMetricsAlarmsAndDeliveriesOnceAndSurvivesAPoisonRecord(
      KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink) throws Exception {
    kafka.createTopics(2, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
    for (String topic : KafkaTopics.COMPACTED) {
      kafka.createCompactedTopic(topic, 2);
    }
    IndexTemplates.install(elasticsearch.httpUrl());
    Reading duplicated = produceReadings(kafka);
    String deliveryId = produceDeliveryLog(kafka);

    JobConfig config =
        JobConfig.fromMap(
            Map.of(
                JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                JobOptions.KAFKA_GROUP_ID.key(), "heatwatch-" + device,
                JobOptions.ELASTICSEARCH_HOSTS.key(), elasticsearch.httpUrl(),
                JobOptions.OUT_OF_ORDERNESS.key(), "1 s",
                JobOptions.IDLENESS.key(), "1 s",
                JobOptions.CHECKPOINT_INTERVAL.key(), "2 s",
                JobOptions.PARALLELISM.key(), "2"));
    JobClient job = HeatwatchJob.start(flink.environment(2), config);
    ElasticsearchHttp es = new ElasticsearchHttp(elasticsearch.httpUrl());
    try (KafkaConsumer<byte[], byte[]> invalid = invalidRecordsConsumer(kafka)) {
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertEveryReadingIndexedOnce(es, duplicated));
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertOneClearedHighAlarm(es));
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertMetricsOfTheClosedWindows(es));
      List<ConsumerRecord<byte[], byte[]>> rejected = new ArrayList<>();
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                invalid.poll(Duration.ofMillis(200)).forEach(rejected::add);
                assertThat(rejected).anySatisfy(HeatwatchJobITCase::isThePoisonRecord);
              });
      // the notifier's delivery log, kept for the audit; its malformed entry skipped
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(
                          es.get(IndexNames.DELIVERIES, deliveryId + "/RETRYING/1")
                              .at("/_source/channel")
                              .asText())
                      .isEqualTo("ops-mail"));
      assertThresholdChangedAtRunTime(kafka, es);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get();
    }
  }

  /** Produces this test's records and returns the reading that is sent twice. */
  private Reading produceReadings(KafkaServer kafka) {
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      // window [t0, t0+1m) of sensor 1: 20..25 °C, plus a faulty reading that must not count
      for (int i = 0; i < 6; i++) {
        send(producer, reading(sensor1, i * 10, 20.0 + i));
      }
      send(producer, faulty(sensor1, 55));
      send(producer, reading(sensor2, 5, 10.0));
      send(producer, reading(sensor2, 15, 12.0));
      // window [t0+1m, t0+2m): a CRITICAL spike, a value inside the hysteresis, then clear
      send(producer, reading(sensor1, 60, 30.0));
      send(producer, reading(sensor1, 70, 45.0));
      send(producer, reading(sensor1, 80, 34.5));
      send(producer, reading(sensor1, 90, 33.0));
      Reading batch1 = reading(sensor1, 100, 21.0);
      Reading batch2 = reading(sensor1, 110, 21.5);
      producer.send(record(KafkaTopics.READINGS, TelemetryCodec.encode(List.of(batch1, batch2))));
      producer.send(record(KafkaTopics.READINGS, "{not json".getBytes(StandardCharsets.UTF_8)));
      Reading duplicated = unique.get(2);
      producer.send(record(KafkaTopics.READINGS, TelemetryCodec.encode(duplicated)));
      producer.send(
          new ProducerRecord<>(
              KafkaTopics.LEGACY,
              String.format(
                      "{\"createTime\":\"%s\",\"orderId\":%d,\"tempAmount\":29.159}",
                      LEGACY_TIME.format(t0.plusSeconds(240)), legacyOrderId)
                  .getBytes(StandardCharsets.UTF_8)));
      // moves the watermark past the first two windows
      send(producer, reading(sensor1, 300, 20.0));
      producer.flush();
      return duplicated;
    }
  }

  /**
   * A malformed entry, then the notifier's sample entry (as it writes them) under an id of this
   * run, on the delivery log; returns the id.
   */
  private String produceDeliveryLog(KafkaServer kafka) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode entry =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(
                java.nio.file.Path.of("../notifier/src/test/resources/delivery-log-entry.json")
                    .toFile());
    String id = "it-" + device;
    entry.put("id", id);
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      producer.send(
          new ProducerRecord<>(
              KafkaTopics.NOTIFICATION_LOG,
              "broken".getBytes(StandardCharsets.UTF_8),
              "{\"id\":\"broken\"}".getBytes(StandardCharsets.UTF_8)));
      producer.send(
          new ProducerRecord<>(
              KafkaTopics.NOTIFICATION_LOG,
              id.getBytes(StandardCharsets.UTF_8),
              json.writeValueAsBytes(entry)));
      producer.flush();
    }
    return id;
  }

  /** A config on the compacted topic lowers sensor 2's HIGH threshold while the job runs. */
  private void assertThresholdChangedAtRunTime(KafkaServer kafka, ElasticsearchHttp es) {
    SensorConfig config =
        SensorConfig.builder()
            .sensorId(sensor2)
            .site("home")
            .deviceId(device)
            .name("it")
            .highC(11.0)
            .updatedAt(t0)
            .updatedBy("it")
            .build();
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      producer.send(
          new ProducerRecord<>(
              KafkaTopics.SENSOR_CONFIG,
              sensor2.getBytes(StandardCharsets.UTF_8),
              TelemetryCodec.encode(config)));
      producer.flush();
      long[] at = {400};
      // The config and the readings race on different topics: read until the new threshold shows.
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                send(producer, reading(sensor2, at[0]++, 13.0));
                producer.flush();
                JsonNode hits =
                    es.search(
                            IndexNames.ALARMS,
                            "{\"query\":{\"term\":{\"sensorId\":\"" + sensor2 + "\"}}}")
                        .at("/hits/hits");
                assertThat(hits).hasSize(1);
                assertThat(hits.get(0).at("/_source/threshold").asDouble()).isEqualTo(11.0);
              });
    }
  }

  private void assertEveryReadingIndexedOnce(ElasticsearchHttp es, Reading duplicated) {
    JsonNode count =
        es.search(
            IndexNames.READINGS_PREFIX + "*",
            "{\"size\":0,\"track_total_hits\":true,\"query\":{\"term\":{\"deviceId\":\""
                + device
                + "\"}}}");
    assertThat(count.at("/hits/total/value").asLong()).isEqualTo(unique.size());
    for (Reading reading : unique) {
      assertThat(es.get(IndexNames.readings(reading.ts()), reading.id()))
          .as(reading.id())
          .isNotNull();
    }
    // indexed once: with the copy de-duplicated the document was never written a second time
    JsonNode doc = es.get(IndexNames.readings(duplicated.ts()), duplicated.id());
    assertThat(doc.path("_version").asLong()).isEqualTo(1);
    assertThat(doc.at("/_source/late").asBoolean(true)).isFalse();
    JsonNode legacy = es.get(IndexNames.readings(t0.plusSeconds(240)), "legacy:" + legacyOrderId);
    assertThat(legacy).as("legacy reading").isNotNull();
    assertThat(legacy.at("/_source/tempC").asDouble()).isEqualTo(29.159);
    assertThat(legacy.at("/_source/ts").asText()).isEqualTo(t0.plusSeconds(240).toString());
  }

  // Only HIGH: the excursion back from 33 to 21 °C is also, rightly, a SPIKE off its baseline.
  private void assertOneClearedHighAlarm(ElasticsearchHttp es) {
    JsonNode hits =
        es.search(
                IndexNames.ALARMS,
                "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"deviceId\":\""
                    + device
                    + "\"}},{\"term\":{\"kind\":\"HIGH\"}}]}}}")
            .at("/hits/hits");
    assertThat(hits).hasSize(1);
    JsonNode alarm = hits.get(0);
    assertThat(alarm.path("_id").asText())
        .isEqualTo(Alarm.idFor(device, sensor1, AlarmKind.HIGH, t0.plusSeconds(70)));
    assertThat(alarm.at("/_source/state").asText()).isEqualTo("CLEARED");
    assertThat(alarm.at("/_source/version").asLong()).isEqualTo(2);
    assertThat(alarm.at("/_source/severity").asText()).isEqualTo("CRITICAL");
    assertThat(alarm.at("/_source/value").asDouble()).isEqualTo(33.0);
  }

  private void assertMetricsOfTheClosedWindows(ElasticsearchHttp es) {
    JsonNode first = metrics(es, sensor1, t0);
    assertThat(first.path("count").asLong()).isEqualTo(6);
    assertThat(first.path("avg").asDouble()).isEqualTo(22.5);
    assertThat(first.path("min").asDouble()).isEqualTo(20.0);
    assertThat(first.path("max").asDouble()).isEqualTo(25.0);
    assertThat(first.path("windowEnd").asText()).isEqualTo(t0.plusSeconds(60).toString());
    JsonNode second = metrics(es, sensor2, t0);
    assertThat(second.path("count").asLong()).isEqualTo(2);
    assertThat(second.path("avg").asDouble()).isEqualTo(11.0);
    assertThat(second.path("stddev").asDouble()).isEqualTo(1.0);
    JsonNode spike = metrics(es, sensor1, t0.plusSeconds(60));
    assertThat(spike.path("count").asLong()).isEqualTo(6);
    assertThat(spike.path("max").asDouble()).isEqualTo(45.0);
  }

  private JsonNode metrics(ElasticsearchHttp es, String sensor, Instant windowStart) {
    String id = device + ":" + sensor + ":" + windowStart.toEpochMilli();
    JsonNode doc = es.get(IndexNames.metrics(windowStart), id);
    assertThat(doc).as("metrics " + id).isNotNull();
    return doc.path("_source");
  }

  private static void isThePoisonRecord(ConsumerRecord<byte[], byte[]> record) {
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(header(record, InvalidRecordSerializer.TOPIC_HEADER))
        .isEqualTo(KafkaTopics.READINGS);
    assertThat(header(record, InvalidRecordSerializer.REASON_HEADER)).contains("not valid JSON");
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private Reading reading(String sensor, long seconds, double tempC) {
    Reading reading = Reading.ok("home", device, sensor, ++seq, t0.plusSeconds(seconds), tempC);
    unique.add(reading);
    return reading;
  }

  private Reading faulty(String sensor, long seconds) {
    Reading reading =
        new Reading(
            Versions.V1,
            "home",
            device,
            sensor,
            ++seq,
            t0.plusSeconds(seconds),
            null,
            Quality.CRC_ERROR,
            null);
    unique.add(reading);
    return reading;
  }

  private void send(KafkaProducer<byte[], byte[]> producer, Reading reading) {
    producer.send(record(KafkaTopics.READINGS, TelemetryCodec.encode(reading)));
  }

  private ProducerRecord<byte[], byte[]> record(String topic, byte[] value) {
    return new ProducerRecord<>(topic, device.getBytes(StandardCharsets.UTF_8), value);
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaServer kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> invalidRecordsConsumer(KafkaServer kafka) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-invalid-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(KafkaTopics.READINGS_INVALID));
    return consumer;
  }
}
