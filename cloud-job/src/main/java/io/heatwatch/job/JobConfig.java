package io.heatwatch.job;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.java.utils.ParameterTool;
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
    String jobName) {

  /** A properties file to read settings from; program arguments override it. */
  public static final String CONFIG_FILE = "config";

  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String KAFKA_GROUP_ID = "kafka.group.id";
  public static final String ELASTICSEARCH_HOSTS = "elasticsearch.hosts";
  public static final String LEGACY_TIME_ZONE = "legacy.time-zone";
  public static final String HIGH_THRESHOLD = "alarm.high.threshold";
  public static final String CLEAR_HYSTERESIS = "alarm.clear.hysteresis";
  public static final String OUT_OF_ORDERNESS = "watermark.out-of-orderness";
  public static final String IDLENESS = "watermark.idleness";
  public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
  public static final String DEDUPE_TTL = "dedupe.ttl";
  public static final String PARALLELISM = "parallelism";
  public static final String JOB_NAME = "job.name";

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
          Map.entry(JOB_NAME, "heatwatch"));

  private static final Set<String> KEYS =
      Set.of(
          CONFIG_FILE,
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_GROUP_ID,
          ELASTICSEARCH_HOSTS,
          LEGACY_TIME_ZONE,
          HIGH_THRESHOLD,
          CLEAR_HYSTERESIS,
          OUT_OF_ORDERNESS,
          IDLENESS,
          CHECKPOINT_INTERVAL,
          DEDUPE_TTL,
          PARALLELISM,
          JOB_NAME);

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
        s.text(JOB_NAME));
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

  private static IllegalArgumentException invalid(String key, Object value, String problem) {
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
