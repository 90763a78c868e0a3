package io.heatwatch.job;

import io.heatwatch.job.detect.SensorFaultDetector;
import io.heatwatch.model.Thresholds;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.TimeUtils;

/**
 * The job's settings, read once from program arguments ({@code --key value}) and/or a properties
 * file ({@code --config file.properties}; arguments win); a bad value fails with the key's name.
 *
 * @param kafkaBootstrapServers {@value #KAFKA_BOOTSTRAP_SERVERS}
 * @param kafkaGroupId {@value #KAFKA_GROUP_ID}
 * @param elasticsearchHosts {@value #ELASTICSEARCH_HOSTS}
 * @param legacyZone {@value #LEGACY_TIME_ZONE}
 * @param highThresholdC {@value #HIGH_THRESHOLD}
 * @param clearHysteresisC {@value #CLEAR_HYSTERESIS}
 * @param outOfOrderness {@value #OUT_OF_ORDERNESS}
 * @param idleness {@value #IDLENESS}
 * @param checkpointInterval {@value #CHECKPOINT_INTERVAL}
 * @param dedupeTtl {@value #DEDUPE_TTL}
 * @param parallelism {@value #PARALLELISM}, empty for the cluster's default
 * @param jobName {@value #JOB_NAME}
 * @param lowThresholdC {@value #LOW_THRESHOLD}
 * @param maxRateCPerMin {@value #MAX_RATE}
 * @param minDuration {@value #MIN_DURATION}
 * @param spikeZ {@value #SPIKE_Z}
 * @param spikeMinDeltaC {@value #SPIKE_MIN_DELTA}
 * @param flatline {@value #FLATLINE}
 * @param faultBurst {@value #FAULT_BURST}
 * @param offlineTimeout {@value #OFFLINE_TIMEOUT}
 * @param alarmsGuarantee {@value #ALARMS_GUARANTEE}
 * @param transactionalIdPrefix {@value #TRANSACTIONAL_ID_PREFIX}
 * @param stateBackend {@value #STATE_BACKEND}
 * @param checkpointDir {@value #CHECKPOINT_DIR}, empty for the cluster's default
 * @param restarts {@value #RESTART_DELAY} and the other {@code restart.*} settings
 * @param silentMin {@value #SILENT_MIN}
 * @param retireAfter {@value #RETIRE_AFTER}
 * @param elasticsearchLogin {@value #ELASTICSEARCH_USERNAME} and the password read from {@value
 *     #ELASTICSEARCH_PASSWORD_FILE}, empty for a cluster without security
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
    Optional<ElasticsearchLogin> elasticsearchLogin) {

  /** A properties file to read settings from; program arguments override it. */
  public static final String CONFIG_FILE = "config";

  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String KAFKA_GROUP_ID = "kafka.group.id";
  public static final String ELASTICSEARCH_HOSTS = "elasticsearch.hosts";

  /** The job's Elasticsearch user; the cluster should give it write access to heatwatch-* only. */
  public static final String ELASTICSEARCH_USERNAME = "elasticsearch.username";

  /** A file holding that user's password: passwords never go on the command line. */
  public static final String ELASTICSEARCH_PASSWORD_FILE = "elasticsearch.password-file";

  public static final String LEGACY_TIME_ZONE = "legacy.time-zone";
  public static final String HIGH_THRESHOLD = "alarm.high.threshold";
  public static final String CLEAR_HYSTERESIS = "alarm.clear.hysteresis";
  public static final String OUT_OF_ORDERNESS = "watermark.out-of-orderness";
  public static final String IDLENESS = "watermark.idleness";
  public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
  public static final String DEDUPE_TTL = "dedupe.ttl";
  public static final String PARALLELISM = "parallelism";
  public static final String JOB_NAME = "job.name";
  public static final String LOW_THRESHOLD = "alarm.low.threshold";
  public static final String MAX_RATE = "alarm.rate.max";
  public static final String MIN_DURATION = "alarm.min-duration";
  public static final String SPIKE_Z = "alarm.spike.z";
  public static final String SPIKE_MIN_DELTA = "alarm.spike.min-delta";
  public static final String FLATLINE = "alarm.flatline.duration";
  public static final String FAULT_BURST = "alarm.fault.burst";
  public static final String OFFLINE_TIMEOUT = "alarm.offline.timeout";
  public static final String ALARMS_GUARANTEE = "alarms.kafka.guarantee";
  public static final String TRANSACTIONAL_ID_PREFIX = "alarms.kafka.transactional-id-prefix";
  public static final String STATE_BACKEND = "state.backend";
  public static final String CHECKPOINT_DIR = "checkpoint.dir";

  /** At most this many restarts between resets; empty (the default) for no limit. */
  public static final String RESTART_ATTEMPTS = "restart.attempts";

  /** The first restart's delay; each further one doubles it. */
  public static final String RESTART_DELAY = "restart.delay";

  public static final String RESTART_MAX_DELAY = "restart.max-delay";
  public static final String RESTART_JITTER = "restart.jitter";

  /** After this long without a failure the delay starts again from {@link #RESTART_DELAY}. */
  public static final String RESTART_RESET_AFTER = "restart.reset-after";

  /** The least time a sensor may be silent before SENSOR_SILENT, whatever its cadence. */
  public static final String SILENT_MIN = "sensor.silent.min";

  /** A sensor not seen this long is retired: its alarms are cleared and its state freed. */
  public static final String RETIRE_AFTER = "sensor.retire-after";

  /** Every key the job reads, with its default ({@code null}: required or optional). */
  static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry(KAFKA_GROUP_ID, "heatwatch-job"),
          Map.entry(LEGACY_TIME_ZONE, "UTC"),
          Map.entry(HIGH_THRESHOLD, "35.0"),
          Map.entry(CLEAR_HYSTERESIS, "1.0"),
          Map.entry(OUT_OF_ORDERNESS, "10 s"),
          Map.entry(IDLENESS, "30 s"),
          Map.entry(CHECKPOINT_INTERVAL, "10 s"),
          Map.entry(DEDUPE_TTL, "7 d"),
          Map.entry(JOB_NAME, "heatwatch"),
          Map.entry(LOW_THRESHOLD, "0.0"),
          Map.entry(MAX_RATE, "1.0"),
          Map.entry(MIN_DURATION, "0 s"),
          Map.entry(SPIKE_Z, "8.0"),
          Map.entry(SPIKE_MIN_DELTA, "1.0"),
          Map.entry(FLATLINE, "1 h"),
          Map.entry(FAULT_BURST, "3"),
          Map.entry(OFFLINE_TIMEOUT, "5 min"),
          Map.entry(ALARMS_GUARANTEE, "at-least-once"),
          Map.entry(TRANSACTIONAL_ID_PREFIX, "heatwatch-alarms"),
          Map.entry(STATE_BACKEND, "hashmap"),
          Map.entry(RESTART_DELAY, "1 s"),
          Map.entry(RESTART_MAX_DELAY, "1 min"),
          Map.entry(RESTART_JITTER, "0.1"),
          Map.entry(RESTART_RESET_AFTER, "10 min"),
          Map.entry(SILENT_MIN, "2 min"),
          Map.entry(RETIRE_AFTER, "7 d"));

  private static final Set<String> KEYS =
      Set.of(
          CONFIG_FILE,
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_GROUP_ID,
          ELASTICSEARCH_HOSTS,
          ELASTICSEARCH_USERNAME,
          ELASTICSEARCH_PASSWORD_FILE,
          LEGACY_TIME_ZONE,
          HIGH_THRESHOLD,
          CLEAR_HYSTERESIS,
          OUT_OF_ORDERNESS,
          IDLENESS,
          CHECKPOINT_INTERVAL,
          DEDUPE_TTL,
          PARALLELISM,
          JOB_NAME,
          LOW_THRESHOLD,
          MAX_RATE,
          MIN_DURATION,
          SPIKE_Z,
          SPIKE_MIN_DELTA,
          FLATLINE,
          FAULT_BURST,
          OFFLINE_TIMEOUT,
          ALARMS_GUARANTEE,
          TRANSACTIONAL_ID_PREFIX,
          STATE_BACKEND,
          CHECKPOINT_DIR,
          RESTART_ATTEMPTS,
          RESTART_DELAY,
          RESTART_MAX_DELAY,
          RESTART_JITTER,
          RESTART_RESET_AFTER,
          SILENT_MIN,
          RETIRE_AFTER);

  public JobConfig {
    require(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
    require(KAFKA_GROUP_ID, kafkaGroupId);
    require(ELASTICSEARCH_HOSTS, elasticsearchHosts);
    elasticsearchHosts = List.copyOf(elasticsearchHosts);
    if (elasticsearchHosts.isEmpty()) {
      throw invalid(ELASTICSEARCH_HOSTS, "", "needs at least one http(s)://host:port URL");
    }
    require(LEGACY_TIME_ZONE, legacyZone);
    if (!Double.isFinite(highThresholdC)) {
      throw invalid(HIGH_THRESHOLD, highThresholdC, "must be a finite number of °C");
    }
    if (!(clearHysteresisC >= 0) || !Double.isFinite(clearHysteresisC)) {
      throw invalid(CLEAR_HYSTERESIS, clearHysteresisC, "must be a finite number >= 0");
    }
    notNegative(OUT_OF_ORDERNESS, outOfOrderness);
    positive(IDLENESS, idleness);
    positive(CHECKPOINT_INTERVAL, checkpointInterval);
    positive(DEDUPE_TTL, dedupeTtl);
    require(PARALLELISM, parallelism);
    if (parallelism.isPresent() && parallelism.getAsInt() < 1) {
      throw invalid(PARALLELISM, parallelism.getAsInt(), "must be >= 1");
    }
    require(JOB_NAME, jobName);
    if (!(lowThresholdC < highThresholdC)) {
      throw invalid(
          LOW_THRESHOLD, lowThresholdC, "must be below " + HIGH_THRESHOLD + " " + highThresholdC);
    }
    if (!(maxRateCPerMin > 0) || !Double.isFinite(maxRateCPerMin)) {
      throw invalid(MAX_RATE, maxRateCPerMin, "must be a finite number > 0 (°C per minute)");
    }
    notNegative(MIN_DURATION, minDuration);
    if (!(spikeZ > 0) || !Double.isFinite(spikeZ)) {
      throw invalid(SPIKE_Z, spikeZ, "must be a finite number > 0");
    }
    if (!(spikeMinDeltaC >= 0) || !Double.isFinite(spikeMinDeltaC)) {
      throw invalid(SPIKE_MIN_DELTA, spikeMinDeltaC, "must be a finite number >= 0");
    }
    positive(FLATLINE, flatline);
    if (faultBurst < 1 || faultBurst > SensorFaultDetector.HISTORY) {
      throw invalid(FAULT_BURST, faultBurst, "must be 1.." + SensorFaultDetector.HISTORY);
    }
    positive(OFFLINE_TIMEOUT, offlineTimeout);
    require(ALARMS_GUARANTEE, alarmsGuarantee);
    if (alarmsGuarantee == DeliveryGuarantee.NONE) {
      throw invalid(ALARMS_GUARANTEE, alarmsGuarantee, "must be at-least-once or exactly-once");
    }
    require(TRANSACTIONAL_ID_PREFIX, transactionalIdPrefix);
    require(STATE_BACKEND, stateBackend);
    if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
      throw invalid(STATE_BACKEND, stateBackend, "must be hashmap or rocksdb");
    }
    require(CHECKPOINT_DIR, checkpointDir);
    require(RESTART_DELAY, restarts);
    positive(SILENT_MIN, silentMin);
    positive(RETIRE_AFTER, retireAfter);
  }

  /** The default thresholds of every sensor, before its own config overrides them. */
  public Thresholds thresholds() {
    return new Thresholds(
        highThresholdC,
        lowThresholdC,
        clearHysteresisC,
        maxRateCPerMin,
        minDuration.toMillis(),
        spikeZ,
        spikeMinDeltaC,
        flatline.toMillis(),
        faultBurst);
  }

  /** Reads {@code --key value} arguments and, with {@code --config path}, that properties file. */
  public static JobConfig fromArgs(String... args) {
    ParameterTool cli;
    try {
      cli = ParameterTool.fromArgs(args);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("program arguments: " + e.getMessage(), e);
    }
    if (!cli.has(CONFIG_FILE)) {
      return fromMap(cli.toMap());
    }
    String file = cli.get(CONFIG_FILE);
    try {
      return fromMap(ParameterTool.fromPropertiesFile(file).mergeWith(cli).toMap());
    } catch (IOException e) {
      throw invalid(CONFIG_FILE, file, "cannot read the properties file: " + e.getMessage());
    }
  }

  /** Reads settings from a map of the same keys, e.g. for the local stack. */
  public static JobConfig fromMap(Map<String, String> settings) {
    Set<String> unknown = new TreeSet<>(settings.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown setting(s) " + unknown + "; known settings: " + new TreeSet<>(KEYS));
    }
    Settings s = new Settings(settings);
    return new JobConfig(
        s.text(KAFKA_BOOTSTRAP_SERVERS),
        s.text(KAFKA_GROUP_ID),
        s.urls(ELASTICSEARCH_HOSTS),
        s.zone(LEGACY_TIME_ZONE),
        s.number(HIGH_THRESHOLD),
        s.number(CLEAR_HYSTERESIS),
        s.duration(OUT_OF_ORDERNESS),
        s.duration(IDLENESS),
        s.duration(CHECKPOINT_INTERVAL),
        s.duration(DEDUPE_TTL),
        s.optionalInt(PARALLELISM),
        s.text(JOB_NAME),
        s.number(LOW_THRESHOLD),
        s.number(MAX_RATE),
        s.duration(MIN_DURATION),
        s.number(SPIKE_Z),
        s.number(SPIKE_MIN_DELTA),
        s.duration(FLATLINE),
        s.integer(FAULT_BURST),
        s.duration(OFFLINE_TIMEOUT),
        s.guarantee(ALARMS_GUARANTEE),
        s.text(TRANSACTIONAL_ID_PREFIX),
        s.text(STATE_BACKEND),
        Optional.ofNullable(s.text(CHECKPOINT_DIR)).filter(dir -> !dir.isEmpty()),
        new Restarts(
            s.duration(RESTART_DELAY),
            s.duration(RESTART_MAX_DELAY),
            s.number(RESTART_JITTER),
            s.duration(RESTART_RESET_AFTER),
            s.optionalInt(RESTART_ATTEMPTS)),
        s.duration(SILENT_MIN),
        s.duration(RETIRE_AFTER),
        login(s.text(ELASTICSEARCH_USERNAME), s.text(ELASTICSEARCH_PASSWORD_FILE)));
  }

  private static Optional<ElasticsearchLogin> login(String username, String passwordFile) {
    boolean hasUser = username != null && !username.isBlank();
    boolean hasFile = passwordFile != null && !passwordFile.isBlank();
    if (hasUser != hasFile) {
      throw invalid(
          hasUser ? ELASTICSEARCH_PASSWORD_FILE : ELASTICSEARCH_USERNAME,
          hasUser ? passwordFile : username,
          "is required with " + (hasUser ? ELASTICSEARCH_USERNAME : ELASTICSEARCH_PASSWORD_FILE));
    }
    if (!hasUser) {
      return Optional.empty();
    }
    try {
      String password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
      if (password.isEmpty()) {
        throw invalid(ELASTICSEARCH_PASSWORD_FILE, passwordFile, "is empty");
      }
      return Optional.of(new ElasticsearchLogin(username, password));
    } catch (IOException e) {
      throw invalid(ELASTICSEARCH_PASSWORD_FILE, passwordFile, "cannot be read: " + e.getMessage());
    }
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

  private static <T> T require(String key, T value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw invalid(key, value, "is required");
    }
    return value;
  }

  private static void notNegative(String key, Duration value) {
    require(key, value);
    if (value.isNegative()) {
      throw invalid(key, value, "must not be negative");
    }
  }

  private static void positive(String key, Duration value) {
    notNegative(key, value);
    if (value.isZero()) {
      throw invalid(key, value, "must be positive");
    }
  }

  static IllegalArgumentException invalid(String key, Object value, String problem) {
    return new IllegalArgumentException(key + ": " + problem + " (got '" + value + "')");
  }

  /** Typed reads of the raw settings, each failure naming its key. */
  private record Settings(Map<String, String> raw) {

    /** The value or its default, trimmed; {@code null} when absent without a default. */
    String text(String key) {
      String value = raw.getOrDefault(key, DEFAULTS.get(key));
      return value == null ? null : value.trim();
    }

    double number(String key) {
      String value = required(key);
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw invalid(key, value, "expected a number");
      }
    }

    OptionalInt optionalInt(String key) {
      String value = text(key);
      if (value == null || value.isEmpty()) {
        return OptionalInt.empty();
      }
      try {
        return OptionalInt.of(Integer.parseInt(value));
      } catch (NumberFormatException e) {
        throw invalid(key, value, "expected a whole number");
      }
    }

    int integer(String key) {
      String value = required(key);
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw invalid(key, value, "expected a whole number");
      }
    }

    DeliveryGuarantee guarantee(String key) {
      String value = required(key);
      return switch (value) {
        case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
        case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
        default -> throw invalid(key, value, "expected at-least-once or exactly-once");
      };
    }

    Duration duration(String key) {
      String value = required(key);
      try {
        return TimeUtils.parseDuration(value);
      } catch (IllegalArgumentException e) {
        throw invalid(key, value, "expected a duration such as '500 ms', '10 s', '5 min' or '7 d'");
      }
    }

    ZoneId zone(String key) {
      String value = required(key);
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        throw invalid(key, value, "expected a time zone id such as 'UTC' or 'Europe/Berlin'");
      }
    }

    List<URI> urls(String key) {
      String value = text(key);
      if (value == null) {
        return null;
      }
      List<URI> urls = new ArrayList<>();
      for (String part : value.split(",")) {
        urls.add(url(key, part.trim()));
      }
      return urls;
    }

    private String required(String key) {
      return require(key, text(key));
    }

    private static URI url(String key, String text) {
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw invalid(key, text, "expected http(s)://host:port, comma-separated: " + e.getReason());
      }
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!http || uri.getHost() == null || uri.getPort() < 1) {
        throw invalid(key, text, "expected http(s)://host:port, comma-separated");
      }
      return uri;
    }
  }
}
