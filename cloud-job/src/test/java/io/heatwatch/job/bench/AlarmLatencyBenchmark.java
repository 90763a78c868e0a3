package io.heatwatch.job.bench;

import io.heatwatch.job.HeatwatchJob;
import io.heatwatch.job.JobConfig;
import io.heatwatch.job.JobOptions;
import io.heatwatch.job.Sinks;
import io.heatwatch.job.Sources;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.Machine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Latency from a reading being in Kafka to its alarm being in Kafka, through the real job (Kafka
 * sources, the alarm events {@code KafkaSink}, checkpoints on, RocksDB), at a paced rate, for
 * AT_LEAST_ONCE and EXACTLY_ONCE alarm events. The Elasticsearch sinks discard: they are not on
 * this path.
 *
 * <p>Devices × sensors each send one reading a second, stamped with the wall clock; a few readings
 * a second are 45 °C on a sensor that reads ~20 °C, so each opens a HIGH alarm at once (threshold
 * 35 °C) and the next reading clears it. Per spike: t0 = the producer's acknowledgement of the
 * reading (it is in Kafka), t1 = the alarm consumer receiving the alarm's OPEN version ({@code
 * read_committed}, so EXACTLY_ONCE counts only committed alarms). The baseline, measured in the
 * same run on the same broker, is the same path without the job: a reading produced and consumed
 * again.
 *
 * <p>Arguments: {@code [devices, default 2500] [sensors per device, default 4] [seconds measured,
 * default 60] [checkpoint interval, default "10 s"] [state backend, default rocksdb] [at-least-once
 * or exactly-once, default both] [Flink option key=value ...]}: 2,500 × 4 at 1 Hz is 10,000
 * readings/s.
 */
public final class AlarmLatencyBenchmark {
  private static final Duration WARM_UP = Duration.ofSeconds(20);
  private static final int SPIKES_PER_SECOND = 20;
  private static final double NORMAL_C = 20.0;
  private static final double SPIKE_C = 45.0;

  private AlarmLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
    int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    String checkpointInterval = args.length > 3 ? args[3] : "10 s";
    String stateBackend = args.length > 4 ? args[4] : "rocksdb";
    List<String> guarantees =
        args.length > 5 && !args[5].equals("both")
            ? List.of(args[5])
            : List.of("at-least-once", "exactly-once");
    Map<String, String> flinkOptions = new TreeMap<>();
    for (int i = 6; i < args.length; i++) {
      String[] option = args[i].split("=", 2);
      if (option.length != 2) {
        throw new IllegalArgumentException("expected a Flink option key=value, got " + args[i]);
      }
      flinkOptions.put(option[0], option[1]);
    }
    Path root = Files.createTempDirectory("heatwatch-latency");
    System.out.println(Machine.describe());
    System.out.printf(
        "load: %d devices × %d sensors at 1 Hz = %,d readings/s, %d spikes/s; checkpoints every %s,"
            + " state backend %s; %d s warm-up, %d s measured%n",
        devices,
        sensors,
        devices * sensors,
        SPIKES_PER_SECOND,
        checkpointInterval,
        stateBackend,
        WARM_UP.toSeconds(),
        seconds);
    if (!flinkOptions.isEmpty()) {
      System.out.println("Flink options of the job: " + flinkOptions);
    }
    for (String guarantee : guarantees) {
      try (KafkaServer kafka = KafkaServer.start(root.resolve(guarantee), 0);
          FlinkCluster flink =
              FlinkCluster.start(0, 1, 2, FlinkCluster.PRODUCTION_MANAGED_MEMORY)) {
        kafka.createTopics(2, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
        for (String topic : KafkaTopics.COMPACTED) {
          kafka.createCompactedTopic(topic, 2);
        }
        Latencies baseline = baseline(kafka, devices * sensors, seconds);
        JobConfig config =
            JobConfig.fromMap(
                Map.ofEntries(
                    Map.entry(JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers()),
                    Map.entry(JobOptions.ELASTICSEARCH_HOSTS.key(), "http://unused:9200"),
                    Map.entry(JobOptions.CHECKPOINT_INTERVAL.key(), checkpointInterval),
                    Map.entry(
                        JobOptions.CHECKPOINT_DIR.key(),
                        root.resolve(guarantee + "-checkpoints").toUri().toString()),
                    Map.entry(JobOptions.STATE_BACKEND.key(), stateBackend),
                    Map.entry(JobOptions.ALARMS_GUARANTEE.key(), guarantee),
                    Map.entry(JobOptions.PARALLELISM.key(), "2")));
        JobClient job = startJob(flink, config, flinkOptions);
        try {
          Latencies alarms = alarms(kafka, devices, sensors, seconds);
          System.out.printf(
              "%-14s reading in Kafka -> alarm in Kafka: %s%n", guarantee.toUpperCase(), alarms);
          System.out.printf("%-14s baseline produce -> consume, same broker: %s%n", "", baseline);
          System.out.printf(
              "%-14s ratio p99 alarm / p99 baseline: %.1f%n",
              "", alarms.percentile(99) / baseline.percentile(99));
          System.out.printf("%-14s %s%n", "", checkpointPhases(flink, job.getJobID()));
        } finally {
          job.cancel().get(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  /**
   * The longest synchronous checkpoint phase of each operator chain over the completed checkpoints
   * Flink still lists (the time its task stops processing records to snapshot its state), longest
   * first.
   */
  private static String checkpointPhases(FlinkCluster flink, JobID job) throws Exception {
    AccessExecutionGraph graph = flink.miniCluster().getExecutionGraph(job).get();
    Map<String, Long> longest = new HashMap<>();
    int completed = 0;
    for (AbstractCheckpointStats checkpoint :
        graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints()) {
      if (checkpoint.getStatus() != CheckpointStatsStatus.COMPLETED) {
        continue;
      }
      completed++;
      for (TaskStateStats task : checkpoint.getAllTaskStateStats()) {
        long sync = task.getSummaryStats().getSyncCheckpointDurationStats().getMaximum();
        longest.merge(graph.getJobVertex(task.getJobVertexId()).getName(), sync, Math::max);
      }
    }
    String phases =
        longest.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(3)
            .map(e -> e.getValue() + " ms " + e.getKey())
            .collect(Collectors.joining("; "));
    return String.format(
        "longest synchronous checkpoint phases over the last %d completed checkpoints: %s",
        completed, phases);
  }

  private static JobClient startJob(
      FlinkCluster flink, JobConfig config, Map<String, String> flinkOptions) throws Exception {
    var env = flink.environment(2);
    Sinks production = Sinks.production(config);
    HeatwatchJob.build(env, config, Sources.kafka(config), new DiscardingSinks(production));
    // after build, so these override the job's own settings, as a Flink configuration would
    env.configure(Configuration.fromMap(flinkOptions));
    return env.executeAsync("latency-" + config.alarmsGuarantee());
  }

  /** The paced readings with spikes; latency per spike from reading acknowledged to alarm seen. */
  private static Latencies alarms(KafkaServer kafka, int devices, int sensors, int seconds)
      throws Exception {
    Map<String, Long> ackedAt = new ConcurrentHashMap<>();
    Latencies stats = new Latencies();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread consumer =
        new Thread(
            () -> {
              try (KafkaConsumer<byte[], byte[]> alarms =
                  consumer(kafka, KafkaTopics.ALARMS, "read_committed")) {
                while (running.get()) {
                  for (ConsumerRecord<byte[], byte[]> record : alarms.poll(Duration.ofMillis(50))) {
                    long seen = System.nanoTime();
                    Alarm alarm = TelemetryCodec.decodeAlarm(record.value());
                    if (alarm.kind() != AlarmKind.HIGH || alarm.state() != AlarmState.OPEN) {
                      continue;
                    }
                    Long t0 =
                        ackedAt.remove(
                            spikeKey(alarm.deviceId(), alarm.sensorId(), alarm.openedAt()));
                    if (t0 != null && measuring.get()) {
                      stats.add((seen - t0) / 1e6);
                    }
                  }
                }
              }
            },
            "alarm-consumer");
    consumer.start();
    SplittableRandom random = new SplittableRandom(5);
    long[] seq = new long[devices];
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      long start = System.nanoTime();
      long total = WARM_UP.toSeconds() + seconds;
      for (long second = 0; second < total; second++) {
        measuring.set(second >= WARM_UP.toSeconds());
        // Spikes land on distinct sensors within a second, and a sensor is normal the next second.
        java.util.Set<Integer> spiking = new java.util.HashSet<>();
        while (spiking.size() < SPIKES_PER_SECOND) {
          spiking.add(random.nextInt(devices * sensors));
        }
        // The second's readings go out in 100 slices of 10 ms.
        for (int slice = 0; slice < 100; slice++) {
          for (int d = slice; d < devices; d += 100) {
            Instant ts = Instant.ofEpochMilli(System.currentTimeMillis());
            for (int s = 0; s < sensors; s++) {
              boolean spike = spiking.contains(d * sensors + s);
              double temp = spike ? SPIKE_C : NORMAL_C + random.nextInt(-2, 3) * 0.0625;
              Reading reading = Reading.ok("bench", "pi-" + d, "t" + s, ++seq[d], ts, temp);
              String key = spike ? spikeKey(reading.deviceId(), reading.sensorId(), ts) : null;
              producer.send(
                  new ProducerRecord<>(
                      KafkaTopics.READINGS,
                      reading.deviceId().getBytes(StandardCharsets.UTF_8),
                      TelemetryCodec.encode(reading)),
                  (metadata, error) -> {
                    if (key != null && error == null) {
                      ackedAt.put(key, System.nanoTime());
                    }
                  });
            }
          }
          long due = start + (second * 100 + slice + 1) * 10_000_000L;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
      }
      // Let the last spikes' alarms arrive (EXACTLY_ONCE: after the next checkpoint).
      Thread.sleep(15_000);
    } finally {
      running.set(false);
      consumer.join();
    }
    return stats;
  }

  /** The same broker without the job: a paced reading produced, then consumed again. */
  private static Latencies baseline(KafkaServer kafka, int perSecond, int seconds)
      throws Exception {
    Map<Long, Long> ackedAt = new ConcurrentHashMap<>();
    Latencies stats = new Latencies();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread consumer =
        new Thread(
            () -> {
              try (KafkaConsumer<byte[], byte[]> readings =
                  consumer(kafka, KafkaTopics.READINGS_DLQ, "read_committed")) {
                while (running.get()) {
                  for (ConsumerRecord<byte[], byte[]> record :
                      readings.poll(Duration.ofMillis(50))) {
                    long seen = System.nanoTime();
                    Long t0 = ackedAt.remove(Long.parseLong(new String(record.key())));
                    if (t0 != null) {
                      stats.add((seen - t0) / 1e6);
                    }
                  }
                }
              }
            },
            "baseline-consumer");
    consumer.start();
    byte[] payload =
        TelemetryCodec.encode(Reading.ok("bench", "pi-0", "t0", 1, Instant.now(), NORMAL_C));
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      long start = System.nanoTime();
      long n = 0;
      int perSlice = perSecond / 100;
      for (long slice = 0; slice < seconds * 100L; slice++) {
        for (int i = 0; i < perSlice; i++) {
          long id = n++;
          boolean sampled = id % (perSecond / SPIKES_PER_SECOND) == 0;
          producer.send(
              new ProducerRecord<>(KafkaTopics.READINGS_DLQ, Long.toString(id).getBytes(), payload),
              (metadata, error) -> {
                if (sampled && error == null) {
                  ackedAt.put(id, System.nanoTime());
                }
              });
        }
        long wait = start + (slice + 1) * 10_000_000L - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
      Thread.sleep(2_000);
    } finally {
      running.set(false);
      consumer.join();
    }
    return stats;
  }

  private static String spikeKey(String deviceId, String sensorId, Instant ts) {
    return deviceId + "/" + sensorId + "/" + ts.toEpochMilli();
  }

  static KafkaProducer<byte[], byte[]> producer(KafkaServer kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            1),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(
      KafkaServer kafka, String topic, String isolation) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                10),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic)
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }
}
