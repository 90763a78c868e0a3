package io.heatwatch.job;

import static io.heatwatch.job.JobOptions.ALARMS_GUARANTEE;
import static io.heatwatch.job.JobOptions.CHECKPOINT_DIR;
import static io.heatwatch.job.JobOptions.CLEAR_HYSTERESIS;
import static io.heatwatch.job.JobOptions.CONFIG_FILE;
import static io.heatwatch.job.JobOptions.DEDUPE_TTL;
import static io.heatwatch.job.JobOptions.FAULT_BURST;
import static io.heatwatch.job.JobOptions.FLATLINE;
import static io.heatwatch.job.JobOptions.HIGH_THRESHOLD;
import static io.heatwatch.job.JobOptions.JOB_NAME;
import static io.heatwatch.job.JobOptions.LEGACY_TIME_ZONE;
import static io.heatwatch.job.JobOptions.LOW_THRESHOLD;
import static io.heatwatch.job.JobOptions.MAX_RATE;
import static io.heatwatch.job.JobOptions.MIN_DURATION;
import static io.heatwatch.job.JobOptions.OFFLINE_TIMEOUT;
import static io.heatwatch.job.JobOptions.RESTART_ATTEMPTS;
import static io.heatwatch.job.JobOptions.RESTART_DELAY;
import static io.heatwatch.job.JobOptions.RESTART_JITTER;
import static io.heatwatch.job.JobOptions.RESTART_MAX_DELAY;
import static io.heatwatch.job.JobOptions.RESTART_RESET_AFTER;
import static io.heatwatch.job.JobOptions.RETIRE_AFTER;
import static io.heatwatch.job.JobOptions.SILENT_MIN;
import static io.heatwatch.job.JobOptions.SPIKE_MIN_DELTA;
import static io.heatwatch.job.JobOptions.SPIKE_Z;
import static io.heatwatch.job.JobOptions.STATE_BACKEND;
import static io.heatwatch.job.JobOptions.TRANSACTIONAL_ID_PREFIX;

import io.heatwatch.job.notify.Escalation;
import io.heatwatch.job.site.SiteOutageRule;
import io.heatwatch.model.Thresholds;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The job's settings (defined with their defaults in {@link JobOptions}), read once from program
 * arguments ({@code --key value}) and/or a properties file ({@code --config file.properties};
 * arguments win); a bad value fails with the key's name and the value.
 */
public record JobConfig(
    String kafkaBootstrapServers,
    String kafkaGroupId,
    List<URI> elasticsearchHosts,
    ZoneId legacyZone,
    double highThresholdC,
    double clearHysteresisC,
    Duration outOfOrderness,
    Duration idleness,
    Duration checkpointInterval,
    Duration dedupeTtl,
    OptionalInt parallelism,
    String jobName,
    double lowThresholdC,
    double maxRateCPerMin,
    Duration minDuration,
    double spikeZ,
    double spikeMinDeltaC,
    Duration flatline,
    int faultBurst,
    Duration offlineTimeout,
    DeliveryGuarantee alarmsGuarantee,
    String transactionalIdPrefix,
    String stateBackend,
    Optional<String> checkpointDir,
    Restarts restarts,
    Duration silentMin,
    Duration retireAfter,
    Optional<ElasticsearchLogin> elasticsearchLogin,
    Escalation escalation,
    SiteOutageRule siteOutage) {

  public JobConfig {
    require(JobOptions.KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
    require(JobOptions.KAFKA_GROUP_ID, kafkaGroupId);
    elasticsearchHosts = List.copyOf(require(JobOptions.ELASTICSEARCH_HOSTS, elasticsearchHosts));
    if (elasticsearchHosts.isEmpty()) {
      throw invalid(
          JobOptions.ELASTICSEARCH_HOSTS, "", "needs at least one http(s)://host:port URL");
    }
    require(LEGACY_TIME_ZONE, legacyZone);
    check(HIGH_THRESHOLD, highThresholdC, Double.isFinite(highThresholdC), "a finite number of °C");
    check(CLEAR_HYSTERESIS, clearHysteresisC, clearHysteresisC >= 0, "a finite number >= 0");
    notNegative(JobOptions.OUT_OF_ORDERNESS, outOfOrderness);
    positive(JobOptions.IDLENESS, idleness);
    positive(JobOptions.CHECKPOINT_INTERVAL, checkpointInterval);
    positive(DEDUPE_TTL, dedupeTtl);
    if (require(JobOptions.PARALLELISM, parallelism).isPresent() && parallelism.getAsInt() < 1) {
      throw invalid(JobOptions.PARALLELISM, parallelism.getAsInt(), "must be >= 1");
    }
    require(JOB_NAME, jobName);
    if (!(lowThresholdC < highThresholdC)) {
      throw invalid(
          LOW_THRESHOLD,
          lowThresholdC,
          "must be below " + HIGH_THRESHOLD.key() + " " + highThresholdC);
    }
    check(MAX_RATE, maxRateCPerMin, maxRateCPerMin > 0, "a finite number > 0 (°C per minute)");
    notNegative(MIN_DURATION, minDuration);
    check(SPIKE_Z, spikeZ, spikeZ > 0, "a finite number > 0");
    check(SPIKE_MIN_DELTA, spikeMinDeltaC, spikeMinDeltaC >= 0, "a finite number >= 0");
    positive(FLATLINE, flatline);
    if (faultBurst < 1 || faultBurst > Thresholds.FAULT_HISTORY) {
      throw invalid(FAULT_BURST, faultBurst, "must be 1.." + Thresholds.FAULT_HISTORY);
    }
    positive(OFFLINE_TIMEOUT, offlineTimeout);
    if (require(ALARMS_GUARANTEE, alarmsGuarantee) == DeliveryGuarantee.NONE) {
      throw invalid(ALARMS_GUARANTEE, alarmsGuarantee, "must be at-least-once or exactly-once");
    }
    require(TRANSACTIONAL_ID_PREFIX, transactionalIdPrefix);
    if (!Set.of("hashmap", "rocksdb").contains(require(STATE_BACKEND, stateBackend))) {
      throw invalid(STATE_BACKEND, stateBackend, "must be hashmap or rocksdb");
    }
    require(CHECKPOINT_DIR, checkpointDir);
    require(RESTART_DELAY, restarts);
    positive(SILENT_MIN, silentMin);
    positive(RETIRE_AFTER, retireAfter);
    require(JobOptions.NOTIFY_ESCALATION_CRITICAL, escalation);
    require(JobOptions.SITE_UNREACHABLE_FRACTION, siteOutage);
  }

  /** The default thresholds of every sensor, before its own config overrides them. */
  public Thresholds thresholds() {
    return Thresholds.DEFAULTS.toBuilder()
        .highC(highThresholdC)
        .lowC(lowThresholdC)
        .hysteresisC(clearHysteresisC)
        .maxRateCPerMin(maxRateCPerMin)
        .minDurationMs(minDuration.toMillis())
        .spikeZ(spikeZ)
        .spikeMinDeltaC(spikeMinDeltaC)
        .flatlineMs(flatline.toMillis())
        .faultBurst(faultBurst)
        .build();
  }

  /** Reads {@code --key value} arguments and, with {@code --config path}, that properties file. */
  public static JobConfig fromArgs(String... args) {
    ParameterTool cli;
    try {
      cli = ParameterTool.fromArgs(args);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("program arguments: " + e.getMessage(), e);
    }
    if (!cli.has(CONFIG_FILE.key())) {
      return fromMap(cli.toMap());
    }
    String file = cli.get(CONFIG_FILE.key());
    try {
      return fromMap(ParameterTool.fromPropertiesFile(file).mergeWith(cli).toMap());
    } catch (IOException e) {
      throw invalid(CONFIG_FILE, file, "cannot read the properties file: " + e.getMessage());
    }
  }

  /** Reads settings from a map of {@link JobOptions}' keys, e.g. for the local stack. */
  public static JobConfig fromMap(Map<String, String> settings) {
    Configuration configuration = new Configuration();
    settings.forEach((key, value) -> configuration.setString(key, value.trim()));
    return from(configuration);
  }

  /** Reads settings from a Flink configuration of {@link JobOptions}' keys only. */
  public static JobConfig from(Configuration settings) {
    Set<String> known = JobOptions.ALL.stream().map(ConfigOption::key).collect(Collectors.toSet());
    Set<String> unknown = new TreeSet<>(settings.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown setting(s) " + unknown + "; known settings: " + new TreeSet<>(known));
    }
    OptionValues read = new OptionValues(settings);
    return new JobConfig(
        read.text(JobOptions.KAFKA_BOOTSTRAP_SERVERS),
        read.text(JobOptions.KAFKA_GROUP_ID),
        read.urls(JobOptions.ELASTICSEARCH_HOSTS),
        read.zone(LEGACY_TIME_ZONE),
        read.number(HIGH_THRESHOLD),
        read.number(CLEAR_HYSTERESIS),
        read.duration(JobOptions.OUT_OF_ORDERNESS),
        read.duration(JobOptions.IDLENESS),
        read.duration(JobOptions.CHECKPOINT_INTERVAL),
        read.duration(DEDUPE_TTL),
        read.optionalInt(JobOptions.PARALLELISM),
        read.text(JOB_NAME),
        read.number(LOW_THRESHOLD),
        read.number(MAX_RATE),
        read.duration(MIN_DURATION),
        read.number(SPIKE_Z),
        read.number(SPIKE_MIN_DELTA),
        read.duration(FLATLINE),
        read.value(FAULT_BURST, "expected a whole number"),
        read.duration(OFFLINE_TIMEOUT),
        read.value(ALARMS_GUARANTEE, "expected at-least-once or exactly-once"),
        read.text(TRANSACTIONAL_ID_PREFIX),
        read.text(STATE_BACKEND),
        Optional.ofNullable(read.text(CHECKPOINT_DIR)).filter(dir -> !dir.isEmpty()),
        new Restarts(
            read.duration(RESTART_DELAY),
            read.duration(RESTART_MAX_DELAY),
            read.number(RESTART_JITTER),
            read.duration(RESTART_RESET_AFTER),
            read.optionalInt(RESTART_ATTEMPTS)),
        read.duration(SILENT_MIN),
        read.duration(RETIRE_AFTER),
        read.login(JobOptions.ELASTICSEARCH_USERNAME, JobOptions.ELASTICSEARCH_PASSWORD_FILE),
        escalation(read),
        siteOutage(read));
  }

  private static SiteOutageRule siteOutage(OptionValues read) {
    double fraction = read.number(JobOptions.SITE_UNREACHABLE_FRACTION);
    int min = read.value(JobOptions.SITE_UNREACHABLE_MIN_DEVICES, "expected a whole number");
    check(
        JobOptions.SITE_UNREACHABLE_FRACTION,
        fraction,
        fraction > 0 && fraction <= 1,
        "a share in (0, 1]");
    if (min < 2) {
      throw invalid(JobOptions.SITE_UNREACHABLE_MIN_DEVICES, min, "must be >= 2");
    }
    return new SiteOutageRule(fraction, min);
  }

  private static Escalation escalation(OptionValues read) {
    List<Duration> critical = read.durations(JobOptions.NOTIFY_ESCALATION_CRITICAL);
    List<Duration> warning = read.durations(JobOptions.NOTIFY_ESCALATION_WARNING);
    Duration remindCritical = read.duration(JobOptions.NOTIFY_REMINDER_CRITICAL);
    Duration remindWarning = read.duration(JobOptions.NOTIFY_REMINDER_WARNING);
    try {
      Escalation.checked(critical);
    } catch (IllegalArgumentException e) {
      throw invalid(JobOptions.NOTIFY_ESCALATION_CRITICAL, critical, e.getMessage());
    }
    try {
      Escalation.checked(warning);
    } catch (IllegalArgumentException e) {
      throw invalid(JobOptions.NOTIFY_ESCALATION_WARNING, warning, e.getMessage());
    }
    notNegative(JobOptions.NOTIFY_REMINDER_CRITICAL, remindCritical);
    notNegative(JobOptions.NOTIFY_REMINDER_WARNING, remindWarning);
    return new Escalation(critical, warning, remindCritical, remindWarning);
  }

  /**
   * The job's Elasticsearch credentials; {@link #toString()} never shows the password, because the
   * configuration is logged at start.
   *
   * @param username the user
   * @param password its password
   */
  public record ElasticsearchLogin(String username, String password)
      implements java.io.Serializable {
    @Override
    public String toString() {
      return "ElasticsearchLogin[username=" + username + ", password=(hidden)]";
    }
  }

  private static <T> T require(ConfigOption<?> option, T value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw invalid(option, value, "is required");
    }
    return value;
  }

  private static void check(ConfigOption<?> option, double value, boolean ok, String expected) {
    if (!ok || !Double.isFinite(value)) {
      throw invalid(option, value, "must be " + expected);
    }
  }

  private static void notNegative(ConfigOption<?> option, Duration value) {
    if (require(option, value).isNegative()) {
      throw invalid(option, value, "must not be negative");
    }
  }

  private static void positive(ConfigOption<?> option, Duration value) {
    notNegative(option, value);
    if (value.isZero()) {
      throw invalid(option, value, "must be positive");
    }
  }

  static IllegalArgumentException invalid(ConfigOption<?> option, Object value, String problem) {
    return new IllegalArgumentException(option.key() + ": " + problem + " (got '" + value + "')");
  }
}
