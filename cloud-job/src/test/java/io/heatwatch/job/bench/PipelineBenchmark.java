package io.heatwatch.job.bench;

import io.heatwatch.job.HeatwatchJob;
import io.heatwatch.job.JobConfig;
import io.heatwatch.job.JobOptions;
import io.heatwatch.job.QuietInputs;
import io.heatwatch.job.Sources;
import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.job.parse.InvalidRecordSplitter;
import io.heatwatch.job.parse.ParsedRecordDeserializer;
import io.heatwatch.job.parse.ParsedRecordTimestamps;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.Machine;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Throughput of the full job (parse → dedupe → detect → metrics, sinks discarding) against a
 * parse-only job, both on one MiniCluster in the same run, from generated in-memory payloads.
 *
 * <p>Arguments: {@code [readings per run, default 2000000] [sensors, default 10000] [parallelism,
 * default 2] [state backend of the full job, default hashmap] [checkpoint interval, default the
 * job's] [measured rounds, default 5]}. The two pipelines alternate, {@value #WARM_UP_ROUNDS}
 * warm-up rounds each and then the measured rounds, all on the whole input; the figures are each
 * pipeline's median measured round (a parse-only round is a few seconds, start-up included, and
 * varied by ±30 % from run to run on this machine). Each pipeline also reports the CPU seconds of
 * its median round per task, the JVM's GC and JIT compiler threads, and the whole JVM.
 */
public final class PipelineBenchmark {
  private static final int WARM_UP_ROUNDS = 4;
  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
  private static final Path CHECKPOINTS = Path.of("target", "bench-checkpoints").toAbsolutePath();

  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    long readings = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
    int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    String stateBackend = args.length > 3 ? args[3] : "hashmap";
    Optional<String> checkpointInterval = args.length > 4 ? Optional.of(args[4]) : Optional.empty();
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 5;
    try (FlinkCluster flink =
        FlinkCluster.start(0, 1, parallelism, FlinkCluster.PRODUCTION_MANAGED_MEMORY)) {
      // The JIT is not done after a quarter-size round: rounds still got ~25 % faster up to the
      // third, and after two full-size rounds of each its compiler threads still took up to 2 s
      // of CPU in a measured full round. Four full-size warm-up rounds of each, then the measured.
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        parseOnly(flink, readings, sensors, parallelism);
        full(flink, readings, sensors, parallelism, stateBackend, checkpointInterval);
      }
      List<Run> parses = new ArrayList<>();
      List<Run> fulls = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        parses.add(parseOnly(flink, readings, sensors, parallelism));
        fulls.add(full(flink, readings, sensors, parallelism, stateBackend, checkpointInterval));
      }
      Run parse = median(parses);
      Run full = median(fulls);
      double parseRate = parse.perSecond(readings);
      double fullRate = full.perSecond(readings);
      System.out.println(Machine.describe());
      System.out.printf(
          "input: %,d readings of %,d sensors, parallelism %d, state backend %s, checkpoints every"
              + " %s%n",
          readings, sensors, parallelism, stateBackend, full.checkpointInterval);
      System.out.printf(
          "parse-only: %,.0f readings/s (median of %d rounds: %s ms)%n",
          parseRate, rounds, millis(parses));
      System.out.printf(
          "full:       %,.0f readings/s (median of %d rounds: %s ms)%n",
          fullRate, rounds, millis(fulls));
      System.out.printf("ratio full / parse-only: %.2f%n", fullRate / parseRate);
      System.out.printf(
          "CPU seconds in the median rounds: parse-only %s; full %s%n", cpu(parse), cpu(full));
      if (full.checkpointBytes > 0) {
        System.out.printf(
            "last completed checkpoint of the full run: %,d bytes = %,d bytes per sensor"
                + " (at %,d readings per sensor in the dedupe state)%n",
            full.checkpointBytes,
            full.checkpointBytes / sensors,
            full.checkpointReadings / sensors);
      } else {
        System.out.println("no checkpoint completed during the full run: state size not measured");
      }
    }
  }

  private static Run parseOnly(FlinkCluster flink, long readings, int sensors, int parallelism)
      throws Exception {
    StreamExecutionEnvironment env = flink.environment(parallelism);
    WatermarkStrategy<ParsedRecord> watermarks =
        WatermarkStrategy.<ParsedRecord>forBoundedOutOfOrderness(Duration.ofSeconds(10))
            .withTimestampAssigner(ParsedRecordTimestamps.supplier(Duration.ofSeconds(10)));
    env.fromSource(payloads(readings, sensors), watermarks, "readings source")
        .process(new InvalidRecordSplitter())
        .sinkTo(new DiscardingSink<>());
    TaskCpu cpu = new TaskCpu();
    long started = System.currentTimeMillis();
    JobClient job = env.executeAsync("bench-parse-only");
    while (!job.getJobStatus().get().isGloballyTerminalState()) {
      cpu.sample();
      Thread.sleep(100); // sampling thread CPU times, not waiting for a condition
    }
    job.getJobExecutionResult().get();
    return new Run(System.currentTimeMillis() - started, 0, 0, Duration.ZERO, cpu.seconds());
  }

  private static Run full(
      FlinkCluster flink,
      long readings,
      int sensors,
      int parallelism,
      String stateBackend,
      Optional<String> checkpointInterval)
      throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put(JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "unused:9092");
    settings.put(JobOptions.ELASTICSEARCH_HOSTS.key(), "http://unused:9200");
    // the state outgrows the JobManager's 5 MB in-memory checkpoint storage
    settings.put(JobOptions.CHECKPOINT_DIR.key(), CHECKPOINTS.toUri().toString());
    settings.put(JobOptions.RESTART_ATTEMPTS.key(), "0");
    settings.put(JobOptions.STATE_BACKEND.key(), stateBackend);
    settings.put(JobOptions.PARALLELISM.key(), String.valueOf(parallelism));
    checkpointInterval.ifPresent(
        interval -> settings.put(JobOptions.CHECKPOINT_INTERVAL.key(), interval));
    JobConfig config = JobConfig.fromMap(settings);
    StreamExecutionEnvironment env = flink.environment(parallelism);
    HeatwatchJob.build(env, config, new GeneratedSources(readings, sensors), DiscardingSinks.all());
    long started = System.currentTimeMillis();
    JobClient job = env.executeAsync("bench-full");
    CompletedCheckpointStats last = null;
    TaskCpu cpu = new TaskCpu();
    while (!job.getJobStatus().get().isGloballyTerminalState()) {
      last = latestCheckpoint(flink, job.getJobID(), last);
      cpu.sample();
      // sampling checkpoint statistics and CPU times, not waiting for a condition
      Thread.sleep(100);
    }
    job.getJobExecutionResult().get();
    long millis = System.currentTimeMillis() - started;
    if (last == null) {
      return new Run(millis, 0, 0, config.checkpointInterval(), cpu.seconds());
    }
    // Readings generated when the checkpoint was taken, assuming a steady rate: a label only.
    long seen = readings * (last.getTriggerTimestamp() - started) / millis;
    return new Run(millis, last.getStateSize(), seen, config.checkpointInterval(), cpu.seconds());
  }

  private static CompletedCheckpointStats latestCheckpoint(
      FlinkCluster flink, JobID job, CompletedCheckpointStats previous) throws Exception {
    CompletedCheckpointStats latest =
        flink
            .miniCluster()
            .getExecutionGraph(job)
            .get()
            .getCheckpointStatsSnapshot()
            .getHistory()
            .getLatestCompletedCheckpoint();
    return latest != null ? latest : previous;
  }

  /** The round of median wall time. */
  private static Run median(List<Run> runs) {
    List<Run> sorted = runs.stream().sorted(Comparator.comparingLong(Run::millis)).toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String cpu(Run run) {
    return run.cpuSeconds().entrySet().stream()
        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String millis(List<Run> runs) {
    return runs.stream().map(r -> String.valueOf(r.millis())).collect(Collectors.joining(", "));
  }

  /**
   * CPU time of the job's task threads by task name (subtasks together), from samples every 100 ms
   * while the job runs: a task thread ends with its job, so the last sample before the end stands
   * for it (at most one sampling interval short).
   */
  private static final class TaskCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> nanos = new HashMap<>();
    private final Map<Long, Long> started = new HashMap<>();
    private boolean first = true;
    private final long processStart = processNanos();
    private long processEnd = processStart;

    private static long processNanos() {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    void sample() {
      processEnd = processNanos();
      sampleVmThreads();
      // ThreadGroup.enumerate needs no safepoint, unlike ThreadMXBean.getThreadInfo
      ThreadGroup root = Thread.currentThread().getThreadGroup();
      while (root.getParent() != null) {
        root = root.getParent();
      }
      Thread[] live = new Thread[root.activeCount() * 2];
      int n = root.enumerate(live, true);
      for (int i = 0; i < n; i++) {
        Thread thread = live[i];
        // Flink names a task thread "<chain name> (<subtask>/<parallelism>)#<attempt>"
        String name = thread.getName().replaceAll(" \\(\\d+/\\d+\\)#\\d+$", "");
        long cpu = threads.getThreadCpuTime(thread.getId());
        if (cpu > 0) {
          record(thread.getId(), name.equals(thread.getName()) ? "other: " + name : name, cpu);
        }
      }
      first = false;
    }

    /**
     * The JVM's own threads (GC, JIT compilers), which ThreadMXBean does not list, from Linux's
     * per-thread {@code /proc/self/task/<tid>/stat}; nothing elsewhere.
     */
    private void sampleVmThreads() {
      File[] tasks = new File("/proc/self/task").listFiles();
      if (tasks == null) {
        return;
      }
      for (File task : tasks) {
        try {
          String stat = Files.readString(task.toPath().resolve("stat"));
          int close = stat.lastIndexOf(')');
          String comm = stat.substring(stat.indexOf('(') + 1, close);
          String group = comm.startsWith("GC ") || comm.startsWith("G1 ") ? "GC threads" : null;
          if (comm.startsWith("C1 ") || comm.startsWith("C2 ")) {
            group = "JIT compiler threads";
          }
          if (group == null) {
            continue;
          }
          String[] fields = stat.substring(close + 2).split(" ");
          // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second)
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          // negative ids: Linux thread ids, apart from the Java thread ids above
          record(-Long.parseLong(task.getName()), "other: " + group, ticks * 10_000_000L);
        } catch (IOException | RuntimeException e) {
          // the thread ended between listing and reading
        }
      }
    }

    /**
     * A thread's CPU so far: for threads alive before the job only what they spent since, for the
     * job's own all of it.
     */
    private void record(long id, String name, long cpuNanos) {
      names.put(id, name);
      long since = started.computeIfAbsent(id, x -> first ? cpuNanos : 0L);
      nanos.put(id, cpuNanos - since);
    }

    /**
     * Seconds of CPU per task name, the busy ones only, and of the whole JVM (GC, JIT and the
     * cluster's own threads too).
     */
    Map<String, Double> seconds() {
      Map<String, Double> byTask = new TreeMap<>();
      nanos.forEach((id, cpu) -> byTask.merge(names.get(id), cpu / 1e9, Double::sum));
      byTask.values().removeIf(seconds -> seconds < 0.05);
      byTask.put("whole JVM", (processEnd - processStart) / 1e9);
      return byTask;
    }
  }

  private record Run(
      long millis,
      long checkpointBytes,
      long checkpointReadings,
      Duration checkpointInterval,
      Map<String, Double> cpuSeconds) {
    double perSecond(long readings) {
      return readings * 1000.0 / millis;
    }
  }

  private static Source<ParsedRecord, ?, ?> payloads(long readings, int sensors) {
    return new DataGeneratorSource<>(
        new PayloadGenerator(sensors), readings, TypeInformation.of(ParsedRecord.class));
  }

  /**
   * The {@code index}-th reading as the bytes a device sends, parsed by the job's own deserializer
   * as the Kafka source does: device {@code index % sensors}, one reading a second each.
   */
  private static final class PayloadGenerator implements GeneratorFunction<Long, ParsedRecord> {
    private static final long serialVersionUID = 1L;
    private final int sensors;
    private final ParsedRecordDeserializer deserializer = ParsedRecordDeserializer.v1();

    PayloadGenerator(int sensors) {
      this.sensors = sensors;
    }

    @Override
    public ParsedRecord map(Long index) {
      long seq = index / sensors + 1;
      long device = index % sensors;
      double tempC = 20.0 + (seq % 50) / 10.0;
      String json =
          "{\"v\":1,\"site\":\"bench\",\"deviceId\":\"pi-"
              + device
              + "\",\"sensorId\":\"t1\",\"seq\":"
              + seq
              + ",\"ts\":\""
              + T0.plusSeconds(seq)
              + "\",\"tempC\":"
              + tempC
              + ",\"quality\":\"OK\"}";
      List<ParsedRecord> out = new ArrayList<>(1);
      deserializer.deserialize(
          new ConsumerRecord<>(
              KafkaTopics.READINGS, 0, index, null, json.getBytes(StandardCharsets.UTF_8)),
          new ListCollector<>(out));
      return out.get(0);
    }
  }

  /** Generated readings; one harmless element on each of the other inputs. */
  private record GeneratedSources(long count, int sensors) implements Sources {
    @Override
    public Source<ParsedRecord, ?, ?> readings() {
      return payloads(count, sensors);
    }

    @Override
    public Source<ParsedRecord, ?, ?> legacyReadings() {
      return payloads(0, sensors);
    }

    @Override
    public Source<ConfigUpdate, ?, ?> sensorConfigs() {
      return QuietInputs.sensorConfigs();
    }

    @Override
    public Source<DeviceStatus, ?, ?> deviceStatus() {
      return QuietInputs.deviceStatus("bench", "nobody", T0);
    }

    @Override
    public Source<AlarmCommand, ?, ?> alarmCommands() {
      return QuietInputs.alarmCommands("nobody:t1:HIGH:1", T0);
    }
  }
}
