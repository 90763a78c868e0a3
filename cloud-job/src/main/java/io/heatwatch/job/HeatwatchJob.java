package io.heatwatch.job;

import io.heatwatch.job.device.ConfigsToDevices;
import io.heatwatch.job.device.DeviceKey;
import io.heatwatch.job.device.DeviceOfflineDetector;
import io.heatwatch.job.device.DeviceView;
import io.heatwatch.job.device.StatusToDevices;
import io.heatwatch.job.model.AlarmIds;
import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.DeviceEvent;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.job.notify.AlarmIdKey;
import io.heatwatch.job.notify.NotificationScheduler;
import io.heatwatch.job.parse.CanarySplitter;
import io.heatwatch.job.parse.CommandRouter;
import io.heatwatch.job.parse.InvalidRecordSplitter;
import io.heatwatch.job.parse.ParsedRecordTimestamps;
import io.heatwatch.job.sensor.SensorFunction;
import io.heatwatch.job.sensor.SensorInput;
import io.heatwatch.job.sensor.SensorInputKey;
import io.heatwatch.job.site.SiteUnreachableDetector;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Reading;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heatwatch Flink job: parse, then per sensor de-duplicate, mark late, count 1-minute metrics
 * and detect, per device detect offline; write readings, metrics and alarms to Elasticsearch, alarm
 * events and rejected records to Kafka.
 *
 * <p>{@link #main} only reads the configuration and wires; {@link #build} takes the sources and
 * sinks as parameters so tests and the local stack can swap them.
 */
public final class HeatwatchJob {
  private static final Logger LOG = LoggerFactory.getLogger(HeatwatchJob.class);

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
    env.configure(FlinkSettings.of(config));
    env.enableCheckpointing(config.checkpointInterval().toMillis());
    config.parallelism().ifPresent(env::setParallelism);

    // Each source is split where it is read, so parsing and splitting run chained in the
    // source's task without serializing a record between them.
    SingleOutputStreamOperator<Reading> parsed =
        split(
            env.fromSource(sources.readings(), watermarks(config), "readings source")
                .uid("readings-source"),
            "split-invalid-records");
    // The canary is split off before any per-sensor state: it is no sensor to operators.
    SingleOutputStreamOperator<Reading> current =
        parsed.process(new CanarySplitter()).name("split off the canary").uid("split-canary");
    current
        .getSideOutput(CanarySplitter.CANARY)
        .sinkTo(sinks.canary())
        .name("canary sink")
        .uid("canary-sink");
    SingleOutputStreamOperator<Reading> legacy =
        split(
            env.fromSource(sources.legacyReadings(), watermarks(config), "legacy readings source")
                .uid("legacy-readings-source"),
            "split-invalid-legacy-records");
    parsed
        .getSideOutput(InvalidRecordSplitter.INVALID)
        .union(legacy.getSideOutput(InvalidRecordSplitter.INVALID))
        .sinkTo(sinks.invalidRecords())
        .name("invalid records sink")
        .uid("invalid-records-sink");
    // Commands are rare and carry no event time: they must not hold the readings' watermark back.
    SingleOutputStreamOperator<AlarmCommand> commands =
        env.fromSource(sources.alarmCommands(), SideInputs.watermarks(), "alarm commands")
            .uid("alarm-commands-source")
            .process(new CommandRouter())
            .name("route alarm commands")
            .uid("route-alarm-commands");
    DataStream<ConfigUpdate> configs =
        env.fromSource(sources.sensorConfigs(), SideInputs.watermarks(), "sensor configs")
            .uid("sensor-configs-source");
    // The per-sensor operator's main output is its alarms; readings and metrics leave it on
    // side outputs.
    SingleOutputStreamOperator<Alarm> perSensor =
        perSensor(config, configs, current, legacy, commands);
    perSensor
        .getSideOutput(SensorFunction.READINGS)
        .sinkTo(sinks.readings())
        .name("readings sink")
        .uid("readings-sink");
    perSensor
        .getSideOutput(SensorFunction.METRICS)
        .sinkTo(sinks.metrics())
        .name("metrics sink")
        .uid("metrics-sink");
    DataStream<Alarm> alarms =
        perSensor.union(
            deviceAlarms(
                env,
                config,
                sources,
                sinks,
                perSensor.getSideOutput(SensorFunction.SIGNS_OF_LIFE),
                commands.getSideOutput(CommandRouter.DEVICE),
                commands.getSideOutput(CommandRouter.SITE),
                configs));
    alarms.sinkTo(sinks.alarms()).name("alarms sink").uid("alarms-sink");
    alarms.sinkTo(sinks.alarmEvents()).name("alarm events sink").uid("alarm-events-sink");
    alarms
        .keyBy(new AlarmIdKey())
        .process(new NotificationScheduler(config.escalation()))
        .returns(TypeInformation.of(Notification.class))
        .name("notification scheduler")
        .uid("notification-scheduler")
        .sinkTo(sinks.notifications())
        .name("notifications sink")
        .uid("notifications-sink");
    // The notifier's delivery log, kept in Elasticsearch for the audit (Kafka compacts it).
    sources
        .deliveryLog()
        .ifPresent(
            log ->
                env.fromSource(log, WatermarkStrategy.noWatermarks(), "delivery log")
                    .uid("delivery-log-source")
                    .sinkTo(sinks.deliveries())
                    .name("deliveries sink")
                    .uid("deliveries-sink"));
  }

  /**
   * Everything per sensor in one keyed operator (dedupe, late marking, 1-minute metrics,
   * detectors): readings and acknowledgements keyed by sensor, sensor configs as broadcast state.
   * One keyBy from the source to the alarm, so a reading crosses one network exchange.
   */
  private static SingleOutputStreamOperator<Alarm> perSensor(
      JobConfig config,
      DataStream<ConfigUpdate> configUpdates,
      DataStream<Reading> current,
      DataStream<Reading> legacy,
      DataStream<AlarmCommand> commands) {
    BroadcastStream<ConfigUpdate> configs = configUpdates.broadcast(SensorFunction.CONFIGS);
    // Each input is mapped where it is read, so the map runs chained in its task: a map after a
    // union has several inputs and cannot be chained.
    DataStream<SensorInput> sensorInputs =
        current
            .map(SensorInput::of, TypeInformation.of(SensorInput.class))
            .name("readings to sensors")
            .uid("readings-to-sensors")
            .union(
                legacy
                    .map(SensorInput::of, TypeInformation.of(SensorInput.class))
                    .name("legacy readings to sensors")
                    .uid("legacy-readings-to-sensors"),
                commands
                    .map(SensorInput::of, TypeInformation.of(SensorInput.class))
                    .name("commands to sensors")
                    .uid("commands-to-sensors"));
    return sensorInputs
        .keyBy(new SensorInputKey())
        .connect(configs)
        .process(new SensorFunction(config.thresholds(), config.dedupeTtl(), config.retireAfter()))
        .name("per sensor: dedupe, metrics, detectors")
        .uid("sensors");
  }

  /**
   * DEVICE_OFFLINE per device and SENSOR_SILENT per sensor, from the sensors' signs of life, the
   * status topic and the sensor configs, the devices index view, and SITE_UNREACHABLE per site from
   * the devices' views.
   */
  private static DataStream<Alarm> deviceAlarms(
      StreamExecutionEnvironment env,
      JobConfig config,
      Sources sources,
      Sinks sinks,
      DataStream<Reading> signsOfLife,
      DataStream<AlarmCommand> deviceCommands,
      DataStream<AlarmCommand> siteCommands,
      DataStream<ConfigUpdate> configs) {
    DataStream<DeviceEvent> deviceEvents =
        env.fromSource(sources.deviceStatus(), WatermarkStrategy.noWatermarks(), "device status")
            .uid("device-status-source")
            .flatMap(new StatusToDevices(), TypeInformation.of(DeviceEvent.class))
            .name("status to device detection")
            .uid("status-to-device-detection")
            .union(
                deviceCommands
                    .map(DeviceEvent::of, TypeInformation.of(DeviceEvent.class))
                    .name("commands to device detection")
                    .uid("commands-to-device-detection"),
                configs
                    .flatMap(new ConfigsToDevices(), TypeInformation.of(DeviceEvent.class))
                    .name("configs to device detection")
                    .uid("configs-to-device-detection"));
    SingleOutputStreamOperator<Alarm> deviceAlarms =
        signsOfLife
            .keyBy(new DeviceKey())
            .connect(deviceEvents.keyBy(DeviceEvent::deviceId, Types.STRING))
            .process(
                new DeviceOfflineDetector(
                    config.offlineTimeout(), config.silentMin(), config.retireAfter()))
            .name("device offline detector")
            .uid("device-offline-detector");
    DataStream<DeviceView> views = deviceAlarms.getSideOutput(DeviceOfflineDetector.DEVICES);
    views.sinkTo(sinks.devices()).name("devices sink").uid("devices-sink");
    DataStream<Alarm> siteAlarms =
        views
            .keyBy(DeviceView::site, Types.STRING)
            // the site alarm's id names the site as its sensor (CommandRouter.SITE)
            .connect(siteCommands.keyBy(c -> AlarmIds.parse(c.alarmId()).sensorId(), Types.STRING))
            .process(new SiteUnreachableDetector(config.siteOutage()))
            .returns(TypeInformation.of(Alarm.class))
            .name("site unreachable detector")
            .uid("site-unreachable-detector");
    return deviceAlarms.union(siteAlarms);
  }

  /**
   * Event time from each reading's {@code ts}, with bounded out-of-orderness and idleness; a
   * reading further ahead of the clock than the out-of-orderness gets its arrival time.
   */
  private static WatermarkStrategy<ParsedRecord> watermarks(JobConfig config) {
    return WatermarkStrategy.<ParsedRecord>forBoundedOutOfOrderness(config.outOfOrderness())
        .withTimestampAssigner(ParsedRecordTimestamps.supplier(config.outOfOrderness()))
        .withIdleness(config.idleness());
  }

  /** Valid readings of one source; its rejected records on the splitter's side output. */
  private static SingleOutputStreamOperator<Reading> split(
      DataStream<ParsedRecord> records, String uid) {
    return records.process(new InvalidRecordSplitter()).name("split invalid records").uid(uid);
  }
}
