package io.heatwatch.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.heatwatch.job.notify.Escalation;
import io.heatwatch.job.site.SiteOutageRule;
import io.heatwatch.model.Durations;
import io.heatwatch.model.Thresholds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Every setting of the job, defined once: key, type, default and description (as
 * flink-connector-kafka's {@code KafkaSourceOptions}). {@link JobConfig} reads them and checks
 * their values; cloud-job/README.md's settings table is rendered from {@link #ALL} by a test.
 */
public final class JobOptions {
  private static final List<ConfigOption<?>> DEFINED = new ArrayList<>();

  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
      define(
          key("kafka.bootstrap.servers").stringType().noDefaultValue(),
          "required: Kafka to read from and write rejects to");

  public static final ConfigOption<String> KAFKA_GROUP_ID =
      define(
          key("kafka.group.id").stringType().defaultValue("heatwatch-job"),
          "consumer group; offsets live in checkpoints, the group's committed offsets are"
              + " the start of a job started without one, and a new group starts at the"
              + " beginning of the topics");

  public static final ConfigOption<String> ELASTICSEARCH_HOSTS =
      define(
          key("elasticsearch.hosts").stringType().noDefaultValue(),
          "required: `http(s)://host:port`, comma-separated");

  public static final ConfigOption<String> ELASTICSEARCH_USERNAME =
      define(
          key("elasticsearch.username").stringType().noDefaultValue(),
          "user for a secured cluster (give it write access to `heatwatch-*` only)");

  /** A file, because passwords never go on the command line. */
  public static final ConfigOption<String> ELASTICSEARCH_PASSWORD_FILE =
      define(
          key("elasticsearch.password-file").stringType().noDefaultValue(),
          "file holding that user's password; required with a user name; never printed");

  public static final ConfigOption<String> LEGACY_TIME_ZONE =
      define(
          key("legacy.time-zone").stringType().defaultValue("UTC"),
          "zone of the `createTime` local times in `temperature_msg`");

  public static final ConfigOption<Double> HIGH_THRESHOLD =
      define(
          key("alarm.high.threshold").doubleType().defaultValue(Thresholds.DEFAULTS.highC()),
          "°C; HIGH opens above it, CRITICAL at 10 °C above");

  public static final ConfigOption<Double> CLEAR_HYSTERESIS =
      define(
          key("alarm.clear.hysteresis")
              .doubleType()
              .defaultValue(Thresholds.DEFAULTS.hysteresisC()),
          "°C; HIGH clears below threshold − hysteresis");

  public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
      define(
          key("watermark.out-of-orderness").durationType().defaultValue(Duration.ofSeconds(10)),
          "how far behind the newest reading a reading may arrive and still count in its"
              + " window; also how far ahead of the job's clock a reading's `ts` is"
              + " believed (beyond, its event time is its arrival)");

  public static final ConfigOption<Duration> IDLENESS =
      define(
          key("watermark.idleness").durationType().defaultValue(Duration.ofSeconds(30)),
          "a partition without readings this long no longer holds the watermark back");

  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
      define(
          key("checkpoint.interval").durationType().defaultValue(Duration.ofSeconds(10)),
          "exactly-once state, at-least-once sinks");

  public static final ConfigOption<Duration> DEDUPE_TTL =
      define(
          key("dedupe.ttl").durationType().defaultValue(Duration.ofDays(7)),
          "how long a silent device's dedupe state is kept");

  public static final ConfigOption<Integer> PARALLELISM =
      define(
          key("parallelism").intType().noDefaultValue(),
          "job parallelism; unset: the cluster's default");

  public static final ConfigOption<String> JOB_NAME =
      define(key("job.name").stringType().defaultValue("heatwatch"), "job name");

  public static final ConfigOption<Double> LOW_THRESHOLD =
      define(
          key("alarm.low.threshold").doubleType().defaultValue(Thresholds.DEFAULTS.lowC()),
          "°C; LOW opens below it");

  public static final ConfigOption<Duration> MIN_DURATION =
      define(
          key("alarm.min-duration")
              .durationType()
              .defaultValue(Duration.ofMillis(Thresholds.DEFAULTS.minDurationMs())),
          "HIGH, LOW and RATE_OF_CHANGE open only after holding this long (opened at the"
              + " start)");

  public static final ConfigOption<Double> MAX_RATE =
      define(
          key("alarm.rate.max").doubleType().defaultValue(Thresholds.DEFAULTS.maxRateCPerMin()),
          "°C/min; RATE_OF_CHANGE opens above it, clears below half");

  public static final ConfigOption<Double> SPIKE_Z =
      define(
          key("alarm.spike.z").doubleType().defaultValue(Thresholds.DEFAULTS.spikeZ()),
          "SPIKE's robust z-score");

  public static final ConfigOption<Double> SPIKE_MIN_DELTA =
      define(
          key("alarm.spike.min-delta")
              .doubleType()
              .defaultValue(Thresholds.DEFAULTS.spikeMinDeltaC()),
          "°C; SPIKE's minimum distance from the baseline, so quantisation noise never"
              + " counts");

  public static final ConfigOption<Duration> FLATLINE =
      define(
          key("alarm.flatline.duration")
              .durationType()
              .defaultValue(Duration.ofMillis(Thresholds.DEFAULTS.flatlineMs())),
          "FLATLINE after the value moved < 0.01 °C this long");

  public static final ConfigOption<Integer> FAULT_BURST =
      define(
          key("alarm.fault.burst").intType().defaultValue(Thresholds.DEFAULTS.faultBurst()),
          "SENSOR_FAULT when this many of the last "
              + Thresholds.FAULT_HISTORY
              + " readings are not OK");

  public static final ConfigOption<Duration> OFFLINE_TIMEOUT =
      define(
          key("alarm.offline.timeout").durationType().defaultValue(Duration.ofMinutes(5)),
          "DEVICE_OFFLINE after this long without reading or heartbeat (processing" + " time)");

  public static final ConfigOption<DeliveryGuarantee> ALARMS_GUARANTEE =
      define(
          key("alarms.kafka.guarantee")
              .enumType(DeliveryGuarantee.class)
              .defaultValue(DeliveryGuarantee.AT_LEAST_ONCE),
          "or `exactly-once`: alarms then wait for the checkpoint that commits their"
              + " transaction, so their latency is bound by `checkpoint.interval`");

  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
      define(
          key("alarms.kafka.transactional-id-prefix").stringType().defaultValue("heatwatch-alarms"),
          "for `exactly-once`; unique per job on one Kafka");

  public static final ConfigOption<String> STATE_BACKEND =
      define(
          key("state.backend").stringType().defaultValue("hashmap"),
          "or `rocksdb` (the compose stack's; in the Flink distribution), for fleets whose state"
              + " does not fit in the TaskManager's heap (~1.5 KB per sensor); the heap backend is"
              + " faster and its alarm latency lower (docs/benchmarks.md). The job gives RocksDB"
              + " 16 MB × 4 memtables (`state.backend.rocksdb.writebuffer.size`/`.count`) so a"
              + " checkpoint's flush stalls the task less");

  public static final ConfigOption<String> CHECKPOINT_DIR =
      define(
          key("checkpoint.dir").stringType().noDefaultValue(),
          "unset: the cluster's default; e.g. `s3://…` or `file:///…`. The job keeps its"
              + " latest "
              + FlinkSettings.RETAINED_CHECKPOINTS
              + " checkpoints, also when it is cancelled or fails, as `<checkpoint.dir>/"
              + "<job id>/chk-<n>/_metadata`: a JobManager started again resumes from the"
              + " newest with `-s <that chk-n directory>` (`execution.savepoint.path`)");

  public static final ConfigOption<Duration> RESTART_DELAY =
      define(
          key("restart.delay").durationType().defaultValue(Duration.ofSeconds(1)),
          "exponential-delay restarts: the first after this delay, each next one twice as"
              + " late, at most `restart.max-delay`");

  public static final ConfigOption<Duration> RESTART_MAX_DELAY =
      define(
          key("restart.max-delay").durationType().defaultValue(Duration.ofMinutes(1)),
          "the longest delay between restarts");

  public static final ConfigOption<Double> RESTART_JITTER =
      define(
          key("restart.jitter").doubleType().defaultValue(0.1),
          "each delay varies by up to this fraction, so jobs restarted together do not"
              + " retry in step");

  public static final ConfigOption<Duration> RESTART_RESET_AFTER =
      define(
          key("restart.reset-after").durationType().defaultValue(Duration.ofMinutes(10)),
          "after this long without a failure the delay starts again from" + " `restart.delay`");

  public static final ConfigOption<Integer> RESTART_ATTEMPTS =
      define(
          key("restart.attempts").intType().noDefaultValue(),
          "restarts allowed before the job fails for good (counted since the last reset);"
              + " unset: no limit, as it should stay in production");

  public static final ConfigOption<Duration> SILENT_MIN =
      define(
          key("sensor.silent.min").durationType().defaultValue(Duration.ofMinutes(2)),
          "SENSOR_SILENT opens after max(3 × the sensor's own cadence, this) without a"
              + " good reading, or after the sensor config's `silentAfterS` (processing"
              + " time)");

  public static final ConfigOption<Duration> RETIRE_AFTER =
      define(
          key("sensor.retire-after").durationType().defaultValue(Duration.ofDays(7)),
          "a sensor not seen this long is retired: its alarms are cleared with the reason"
              + " and its state freed");

  public static final ConfigOption<String> NOTIFY_ESCALATION_CRITICAL =
      define(
          key("notify.escalation.critical")
              .stringType()
              .defaultValue(delays(Escalation.DEFAULTS.critical())),
          "when an unacknowledged CRITICAL alarm reaches notification levels 2, 3, ...: delays"
              + " after it opened, comma-separated and increasing; empty: level 1 only");

  public static final ConfigOption<String> NOTIFY_ESCALATION_WARNING =
      define(
          key("notify.escalation.warning")
              .stringType()
              .defaultValue(delays(Escalation.DEFAULTS.warning())),
          "the same for a WARNING alarm");

  public static final ConfigOption<Duration> NOTIFY_REMINDER_CRITICAL =
      define(
          key("notify.reminder.critical")
              .durationType()
              .defaultValue(Escalation.DEFAULTS.remindCritical()),
          "after its last level, an unacknowledged CRITICAL alarm is recalled to that level this"
              + " often; 0 s: never");

  public static final ConfigOption<Duration> NOTIFY_REMINDER_WARNING =
      define(
          key("notify.reminder.warning")
              .durationType()
              .defaultValue(Escalation.DEFAULTS.remindWarning()),
          "the same for a WARNING alarm");

  public static final ConfigOption<Double> SITE_UNREACHABLE_FRACTION =
      define(
          key("site.unreachable.fraction")
              .doubleType()
              .defaultValue(SiteOutageRule.DEFAULTS.fraction()),
          "SITE_UNREACHABLE when at least this share of a site's known devices is offline (and"
              + " at least `site.unreachable.min-devices`); clears below half");

  public static final ConfigOption<Integer> SITE_UNREACHABLE_MIN_DEVICES =
      define(
          key("site.unreachable.min-devices")
              .intType()
              .defaultValue(SiteOutageRule.DEFAULTS.minDevices()),
          "the fewest offline devices that make a site unreachable (>= 2)");

  /** Read by {@link JobConfig#fromArgs} only: the other settings from a properties file. */
  public static final ConfigOption<String> CONFIG_FILE =
      define(
          key("config").stringType().noDefaultValue(),
          "a properties file with any of the above; program arguments override it");

  /** Every setting, in the order of the README's table. */
  public static final List<ConfigOption<?>> ALL = List.copyOf(DEFINED);

  private JobOptions() {}

  private static String delays(List<Duration> delays) {
    return delays.stream().map(Durations::format).collect(Collectors.joining(", "));
  }

  private static <T> ConfigOption<T> define(ConfigOption<T> option, String description) {
    ConfigOption<T> described = option.withDescription(description);
    DEFINED.add(described);
    return described;
  }
}
