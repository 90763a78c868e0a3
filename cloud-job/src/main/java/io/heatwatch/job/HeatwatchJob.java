package io.heatwatch.job;

import io.heatwatch.job.detect.DeviceOfflineDetector;
import io.heatwatch.job.detect.SensorDetectionFunction;
import io.heatwatch.job.functions.CommandRouter;
import io.heatwatch.job.functions.Deduplicator;
import io.heatwatch.job.functions.DeviceKey;
import io.heatwatch.job.functions.InvalidRecordSplitter;
import io.heatwatch.job.functions.LateMarker;
import io.heatwatch.job.functions.ParsedRecordTimestamps;
import io.heatwatch.job.functions.SensorInputKey;
import io.heatwatch.job.functions.SensorKey;
import io.heatwatch.job.functions.SensorMetricsAggregate;
import io.heatwatch.job.functions.SensorMetricsWindow;
import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.DeviceEvent;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.job.model.SensorInput;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Reading;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heatwatch Flink job: parse, de-duplicate, window and detect, then write readings, metrics and
 * alarms to Elasticsearch and rejected records to Kafka.
 *
 * <p>{@link #main} only reads the configuration and wires; {@link #build} takes the sources and
 * sinks as parameters so tests and the local stack can swap them.
 */
public final class HeatwatchJob {
  private static final Logger LOG = LoggerFactory.getLogger(HeatwatchJob.class);

  /** Length of the metrics windows. */
  public static final Duration METRICS_WINDOW = Duration.ofMinutes(1);

  /** Longest a partly filled network buffer waits before it is sent on. */
  static final Duration BUFFER_TIMEOUT = Duration.ofMillis(5);

  private HeatwatchJob() {}

  /** {@code flink run cloud-job-job.jar --key value ... [--config job.properties]}. */
  public static void main(String[] args) throws Exception {
    JobConfig config = JobConfig.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config, Sources.kafka(config), Sinks.production(config));
    env.execute(config.jobName());
  }

  /**
   * Builds the job with the production sources and sinks on {@code env} and submits it without
   * waiting for it to end, as the local stack does on its MiniCluster.
   */
  public static JobClient start(StreamExecutionEnvironment env, JobConfig config) throws Exception {
    build(env, config, Sources.kafka(config), Sinks.production(config));
    return env.executeAsync(config.jobName());
  }

  /**
   * Adds the job's operators to {@code env}, reading from {@code sources} and writing to {@code
   * sinks}, and sets what the job needs on it: checkpointing, the configured parallelism, and no
   * Kryo fallback for record types.
   */
  public static void build(
      StreamExecutionEnvironment env, JobConfig config, Sources sources, Sinks sinks) {
    LOG.info("building the heatwatch job: {}", config);
    env.configure(settings(config));
    env.enableCheckpointing(config.checkpointInterval().toMillis());
    config.parallelism().ifPresent(env::setParallelism);

    // Each source is split where it is read, so parsing and splitting run chained in the
    // source's task; a union before the splitter cost one more serialization of every record.
    SingleOutputStreamOperator<Reading> current =
        split(
            env.fromSource(sources.readings(), watermarks(config), "readings source")
                .uid("readings-source"),
            "split-invalid-records");
    SingleOutputStreamOperator<Reading> legacy =
        split(
            env.fromSource(sources.legacyReadings(), watermarks(config), "legacy readings source")
                .uid("legacy-readings-source"),
            "split-invalid-legacy-records");
    current
        .getSideOutput(InvalidRecordSplitter.INVALID)
        .union(legacy.getSideOutput(InvalidRecordSplitter.INVALID))
        .sinkTo(sinks.invalidRecords())
        .name("invalid records sink")
        .uid("invalid-records-sink");
    DataStream<Reading> readings = current.union(legacy);

    SingleOutputStreamOperator<Reading> unique =
        readings
            .keyBy(new DeviceKey())
            .process(new Deduplicator(config.dedupeTtl()))
            .name("dedupe (deviceId, seq)")
            .uid("dedupe");
    unique
        .process(new LateMarker())
        .name("mark late readings")
        .uid("mark-late-readings")
        .sinkTo(sinks.readings())
        .name("readings sink")
        .uid("readings-sink");

    KeyedStream<Reading, String> bySensor = unique.keyBy(new SensorKey());
    bySensor
        .window(TumblingEventTimeWindows.of(METRICS_WINDOW))
        .aggregate(new SensorMetricsAggregate(), new SensorMetricsWindow())
        .name("1-minute metrics per sensor")
        .uid("metrics-1m")
        .sinkTo(sinks.metrics())
        .name("metrics sink")
        .uid("metrics-sink");
    DataStream<Alarm> alarms = detect(env, config, sources, sinks, unique);
    alarms.sinkTo(sinks.alarms()).name("alarms sink").uid("alarms-sink");
    alarms.sinkTo(sinks.alarmEvents()).name("alarm events sink").uid("alarm-events-sink");
  }

  /** The job's Flink settings: no Kryo fallback, state backend, restart strategy. */
  static Configuration settings(JobConfig config) {
    Configuration settings = new Configuration();
    // Every record type must have a Flink serializer; a silent Kryo fallback fails at build time.
    settings.set(PipelineOptions.GENERIC_TYPES, false);
    // Every record type is an immutable Java record, so chained operators may share instances
    // instead of copying each one (a copy re-ran every field check of the record).
    settings.set(PipelineOptions.OBJECT_REUSE, true);
    // A record crosses three network exchanges from reading to alarm; at the default 100 ms a
    // partly filled buffer waited up to 100 ms at each (p50 191 ms reading-in-Kafka to
    // alarm-in-Kafka at 1,000 readings/s in AlarmLatencyBenchmark).
    settings.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
    settings.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
    // RocksDB uploads only the files new since the last checkpoint (no effect on the heap backend).
    settings.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    config
        .checkpointDir()
        .ifPresent(dir -> settings.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir));
    settings.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    settings.set(
        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, config.restartAttempts());
    settings.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, config.restartDelay());
    return settings;
  }

  /**
   * The per-sensor detectors (thresholds as broadcast state, acknowledgements keyed with the
   * readings) and the per-device offline detector; every alarm version of both.
   */
  private static DataStream<Alarm> detect(
      StreamExecutionEnvironment env,
      JobConfig config,
      Sources sources,
      Sinks sinks,
      SingleOutputStreamOperator<Reading> unique) {
    BroadcastStream<ConfigUpdate> configs =
        env.fromSource(sources.sensorConfigs(), WatermarkStrategy.noWatermarks(), "sensor configs")
            .uid("sensor-configs-source")
            .broadcast(SensorDetectionFunction.CONFIGS);
    SingleOutputStreamOperator<AlarmCommand> commands =
        env.fromSource(sources.alarmCommands(), WatermarkStrategy.noWatermarks(), "alarm commands")
            .uid("alarm-commands-source")
            .process(new CommandRouter())
            .name("route alarm commands")
            .uid("route-alarm-commands");
    DataStream<SensorInput> sensorInputs =
        unique
            .map(SensorInput::of, TypeInformation.of(SensorInput.class))
            .name("readings to detection")
            .uid("readings-to-detection")
            .union(
                commands
                    .map(SensorInput::of, TypeInformation.of(SensorInput.class))
                    .name("commands to detection")
                    .uid("commands-to-detection"));
    SingleOutputStreamOperator<Alarm> sensorAlarms =
        sensorInputs
            .keyBy(new SensorInputKey())
            .connect(configs)
            .process(new SensorDetectionFunction(config.thresholds()))
            .name("sensor detectors")
            .uid("sensor-detectors");

    DataStream<DeviceEvent> deviceEvents =
        env.fromSource(sources.deviceStatus(), WatermarkStrategy.noWatermarks(), "device status")
            .uid("device-status-source")
            .map(DeviceEvent::of, TypeInformation.of(DeviceEvent.class))
            .name("status to device detection")
            .uid("status-to-device-detection")
            .union(
                commands
                    .getSideOutput(CommandRouter.DEVICE)
                    .map(DeviceEvent::of, TypeInformation.of(DeviceEvent.class))
                    .name("commands to device detection")
                    .uid("commands-to-device-detection"));
    SingleOutputStreamOperator<Alarm> deviceAlarms =
        unique
            .getSideOutput(Deduplicator.SIGNS_OF_LIFE)
            .keyBy(new DeviceKey())
            .connect(deviceEvents.keyBy(DeviceEvent::deviceId, Types.STRING))
            .process(new DeviceOfflineDetector(config.offlineTimeout()))
            .name("device offline detector")
            .uid("device-offline-detector");
    deviceAlarms
        .getSideOutput(DeviceOfflineDetector.DEVICES)
        .sinkTo(sinks.devices())
        .name("devices sink")
        .uid("devices-sink");
    return sensorAlarms.union(deviceAlarms);
  }

  /** Event time from each reading's {@code ts}, with bounded out-of-orderness and idleness. */
  private static WatermarkStrategy<ParsedRecord> watermarks(JobConfig config) {
    return WatermarkStrategy.<ParsedRecord>forBoundedOutOfOrderness(config.outOfOrderness())
        .withTimestampAssigner(new ParsedRecordTimestamps())
        .withIdleness(config.idleness());
  }

  /** Valid readings of one source; its rejected records on the splitter's side output. */
  private static SingleOutputStreamOperator<Reading> split(
      DataStream<ParsedRecord> records, String uid) {
    return records.process(new InvalidRecordSplitter()).name("split invalid records").uid(uid);
  }
}
