package io.heatwatch.bridge.bench;

import io.heatwatch.bridge.MqttSourceConnector;
import io.heatwatch.bridge.it.Fixtures;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.MessageCallback;
import io.heatwatch.testkit.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * MQTT publish → record readable in Kafka, for ~120-byte readings at QoS 1, through our source
 * connector in a Connect worker and, in the same run, through a baseline (a plain Paho subscriber
 * feeding a KafkaProducer). Servers are in-process on loopback. Not run by {@code verify}; see
 * docs/benchmarks.md for the command.
 */
public final class BridgeBenchmark {
  private static final int DEVICES = 10;
  private static final int SATURATION_PER_DEVICE = Integer.getInteger("bench.perDevice", 10_000);
  private static final int PACED_RATE = Integer.getInteger("bench.pacedRate", 2_000);
  private static final int PACED_SECONDS = 5;

  /**
   * The production broker's queue and in-flight settings (infra/mosquitto/mosquitto.conf) on a
   * plain loopback listener: TLS and the ACL are measured by the ITs, not here. Mosquitto rather
   * than HiveMQ CE, which keeps one unacknowledged QoS 1 message per topic per subscriber.
   */
  private static final String BROKER_CONFIG =
      """
      listener 1883
      allow_anonymous true
      persistence true
      persistence_location /mosquitto/data/
      max_queued_messages 5000000
      max_queued_bytes 2000000000
      max_inflight_messages 1000
      log_dest stdout
      log_type error
      """;

  private final KafkaServer kafka;
  private final MosquittoBroker mqtt;

  private BridgeBenchmark(KafkaServer kafka, MosquittoBroker mqtt) {
    this.kafka = kafka;
    this.mqtt = mqtt;
  }

  /** Results of one measured run. */
  record Result(int messages, double perSecond, double p50Ms, double p99Ms) {
    @Override
    public String toString() {
      return String.format(
          "%,d msgs  %,.0f msg/s  p50 %.1f ms  p99 %.1f ms", messages, perSecond, p50Ms, p99Ms);
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("bridge-bench");
    try (KafkaServer kafka = KafkaServer.start(dir.resolve("kafka"), 0);
        MosquittoBroker mqtt = MosquittoBroker.start(dir.resolve("mosquitto"), BROKER_CONFIG);
        ConnectWorker connect =
            ConnectWorker.startStandalone(
                dir.resolve("connect"),
                kafka.bootstrapServers(),
                0,
                Map.of("producer.linger.ms", "5", "producer.enable.idempotence", "true"))) {
      BridgeBenchmark bench = new BridgeBenchmark(kafka, mqtt);
      bench.startConnector(connect, "bench-conn");
      Baseline baseline = bench.startBaseline("bench-base");
      // Warm-up (JIT, topic metadata, connections); results discarded.
      bench.run("bench-base", 1_000, 0);
      bench.run("bench-conn", 1_000, 0);

      Result baseSat = bench.run("bench-base", SATURATION_PER_DEVICE, 0);
      Result connSat = bench.run("bench-conn", SATURATION_PER_DEVICE, 0);
      int pacedPerDevice = PACED_RATE * PACED_SECONDS / DEVICES;
      Result basePaced = bench.run("bench-base", pacedPerDevice, PACED_RATE);
      Result connPaced = bench.run("bench-conn", pacedPerDevice, PACED_RATE);
      baseline.close();

      System.out.printf(
          "%nBridgeBenchmark  %d cores, %s %s, %d-byte readings, QoS 1, %d devices%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name"),
          System.getProperty("java.version"),
          Fixtures.reading("bench-conn", "dev-1", 1_000_000).length,
          DEVICES);
      System.out.printf("saturation  baseline : %s%n", baseSat);
      System.out.printf("saturation  connector: %s%n", connSat);
      System.out.printf("paced %d/s baseline : %s%n", PACED_RATE, basePaced);
      System.out.printf("paced %d/s connector: %s%n", PACED_RATE, connPaced);
      System.out.printf(
          "ratio connector/baseline: throughput %.2f, paced p50 %.2f, paced p99 %.2f%n",
          connSat.perSecond() / baseSat.perSecond(),
          connPaced.p50Ms() / basePaced.p50Ms(),
          connPaced.p99Ms() / basePaced.p99Ms());
    }
    System.exit(0);
  }

  private void startConnector(ConnectWorker connect, String site) {
    kafka.createTopics(3, site + ".readings", site + ".dlq");
    connect.putConnector(
        site,
        Fixtures.connectorConfig(
            "mqtt-source.json",
            Map.of(
                "connector.class",
                MqttSourceConnector.class.getName(),
                "mqtt.server.uris",
                mqtt.uri(),
                "mqtt.username",
                "",
                "mqtt.password",
                "",
                "mqtt.ssl.ca.location",
                "",
                "mqtt.client.id",
                site,
                "mqtt.shared.group",
                site,
                "mqtt.topics",
                "heatwatch/v1/" + site + "/+/readings",
                "mqtt.routes",
                "readings:" + site + ".readings",
                "kafka.topic.dlq",
                site + ".dlq")));
    connect.awaitRunning(site, Duration.ofSeconds(60));
  }

  /** The baseline: Paho subscriber, KafkaProducer.send in messageArrived, Paho's automatic acks. */
  private Baseline startBaseline(String site) throws MqttException {
    kafka.createTopics(3, site + ".readings");
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    MqttAsyncClient client = new MqttAsyncClient(mqtt.uri(), site, new MemoryPersistence());
    Baseline baseline = new Baseline(producer, client, site + ".readings");
    client.setCallback(baseline);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setReceiveMaximum(1_000);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe("heatwatch/v1/" + site + "/+/readings", 1).waitForCompletion(10_000);
    return baseline;
  }

  /** Publishes {@code perDevice} readings per device (paced at {@code rate}/s if > 0). */
  private Result run(String site, int perDevice, int rate) throws Exception {
    String topic = site + ".readings";
    int total = DEVICES * perDevice;
    long[][] sentAt = new long[DEVICES][perDevice + 1];
    long firstSeq = System.currentTimeMillis() * 10; // fresh seqs per run on the same topics
    try (KafkaConsumer<byte[], byte[]> consumer = consumerAtEnd(topic)) {
      List<Thread> publishers = new ArrayList<>();
      long start = System.nanoTime();
      for (int d = 0; d < DEVICES; d++) {
        int device = d;
        Thread t =
            new Thread(
                () -> publish(site, device, perDevice, rate, firstSeq, start, sentAt[device]));
        publishers.add(t);
        t.start();
      }
      long[] latencies = new long[total];
      int received = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (received < total && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          Reading reading = TelemetryCodec.decodeReading(record.value());
          int device = Integer.parseInt(reading.deviceId().substring(4)) - 1;
          int index = (int) (reading.seq() - firstSeq);
          if (index >= 1 && index <= perDevice && received < total) {
            latencies[received++] = now - sentAt[device][index];
          }
        }
      }
      long elapsed = System.nanoTime() - start;
      for (Thread t : publishers) {
        t.join();
      }
      if (received < total) {
        throw new IllegalStateException(site + ": only " + received + " of " + total);
      }
      Arrays.sort(latencies);
      return new Result(
          total,
          total / (elapsed / 1e9),
          latencies[total / 2] / 1e6,
          latencies[(int) (total * 0.99)] / 1e6);
    }
  }

  private void publish(
      String site, int device, int perDevice, int rate, long firstSeq, long start, long[] sentAt) {
    String deviceId = "dev-" + (device + 1);
    String topic = MqttTopics.topic(site, deviceId, Channel.READINGS);
    try {
      MqttAsyncClient client =
          Fixtures.publisher(mqtt.uri(), site + "-pub-" + device + "-" + System.nanoTime());
      IMqttToken last = null;
      double perDeviceRate = rate / (double) DEVICES;
      for (int i = 1; i <= perDevice; i++) {
        if (rate > 0) {
          long due = start + (long) (i / perDeviceRate * 1e9);
          while (System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime());
          }
        }
        sentAt[i] = System.nanoTime();
        last =
            Fixtures.publish(
                client,
                topic,
                new MqttMessage(Fixtures.reading(site, deviceId, firstSeq + i), 1, false, null));
      }
      last.waitForCompletion(60_000);
      client.disconnect().waitForCompletion(10_000);
      client.close();
    } catch (MqttException e) {
      throw new IllegalStateException("publisher " + deviceId + ": " + e, e);
    }
  }

  private KafkaConsumer<byte[], byte[]> consumerAtEnd(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  /** The baseline subscriber's callback. */
  private static final class Baseline extends MessageCallback implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final MqttAsyncClient client;
    private final String topic;

    Baseline(KafkaProducer<byte[], byte[]> producer, MqttAsyncClient client, String topic) {
      this.producer = producer;
      this.client = client;
      this.topic = topic;
    }

    @Override
    public void messageArrived(String mqttTopic, MqttMessage message) {
      String device = mqttTopic.split("/")[3];
      producer.send(
          new ProducerRecord<>(
              topic, device.getBytes(StandardCharsets.UTF_8), message.getPayload()));
    }

    @Override
    public void close() throws MqttException {
      client.disconnect().waitForCompletion(10_000);
      client.close();
      producer.close();
    }
  }
}
