package io.heatwatch.console.config;

import io.heatwatch.model.Thresholds;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's settings, read once at start-up; a bad value stops the start with one line naming
 * the key.
 *
 * @param bindAddress {@value #BIND_ADDRESS}: loopback unless set otherwise
 * @param port {@value #PORT}
 * @param usersFile {@value #USERS_FILE}: who may log in (see {@code console users add})
 * @param secureCookie {@value #SECURE_COOKIE}: mark the session cookie Secure (behind TLS)
 * @param sessionTimeout {@value #SESSION_TIMEOUT}: idle time after which a session ends
 * @param sessionMaxLifetime {@value #SESSION_MAX_LIFETIME}: time after login at which a session
 *     ends however active
 * @param elasticsearchUrl {@value #ELASTICSEARCH_HOSTS}: the first URL is used
 * @param elasticsearchLogin {@value #ELASTICSEARCH_USERNAME} + the password in {@value
 *     #ELASTICSEARCH_PASSWORD_FILE}, empty for a cluster without security
 * @param elasticsearchCaFile {@value #ELASTICSEARCH_CA_FILE}: PEM CA that signs the cluster's
 *     certificate, empty to trust the JVM's CAs
 * @param kafkaBootstrapServers {@value #KAFKA_BOOTSTRAP_SERVERS}
 * @param defaults the job's default thresholds, shown where a sensor has none of its own
 * @param rawMaxRange {@value #RAW_MAX_RANGE}: longer series come from the 1-minute metrics
 * @param pollInterval {@value #POLL_INTERVAL}: how often the live view asks Elasticsearch
 * @param login the login limits ({@value #LOGIN_PER_ADDRESS}, {@value #LOGIN_FAILURES_PER_USER},
 *     {@value #LOGIN_MAX_CHECKS})
 * @param events the event stream limits ({@value #EVENTS_PER_USER}, {@value #EVENTS_TOTAL}, {@value
 *     #EVENTS_MAX_QUEUED_BYTES})
 * @param watchdog where the pipeline watchdog answers ({@value #WATCHDOG_URL}, {@value
 *     #WATCHDOG_POLL_INTERVAL})
 */
public record ConsoleConfig(
    String bindAddress,
    int port,
    Path usersFile,
    boolean secureCookie,
    Duration sessionTimeout,
    Duration sessionMaxLifetime,
    URI elasticsearchUrl,
    Optional<Login> elasticsearchLogin,
    Optional<Path> elasticsearchCaFile,
    String kafkaBootstrapServers,
    DefaultThresholds defaults,
    Duration rawMaxRange,
    Duration pollInterval,
    LoginLimits login,
    EventLimits events,
    Watchdog watchdog) {

  public static final String BIND_ADDRESS = "console.bind-address";
  public static final String PORT = "console.port";
  public static final String USERS_FILE = "console.users-file";
  public static final String SECURE_COOKIE = "console.secure-cookie";
  public static final String SESSION_TIMEOUT = "console.session-timeout";
  public static final String SESSION_MAX_LIFETIME = "console.session-max-lifetime";
  public static final String EVENTS_PER_USER = "console.events.max-per-user";
  public static final String EVENTS_TOTAL = "console.events.max-total";
  public static final String EVENTS_MAX_QUEUED_BYTES = "console.events.max-queued-bytes";
  public static final String RAW_MAX_RANGE = "console.series.raw-max-range";
  public static final String POLL_INTERVAL = "console.poll-interval";
  public static final String LOGIN_PER_ADDRESS = "console.login.attempts-per-address-per-minute";
  public static final String LOGIN_FAILURES_PER_USER = "console.login.failures-per-user-per-minute";
  public static final String LOGIN_MAX_CHECKS = "console.login.max-concurrent-checks";
  public static final String WATCHDOG_URL = "watchdog.url";
  public static final String WATCHDOG_POLL_INTERVAL = "watchdog.poll-interval";
  public static final String ELASTICSEARCH_HOSTS = "elasticsearch.hosts";
  public static final String ELASTICSEARCH_USERNAME = "elasticsearch.username";
  public static final String ELASTICSEARCH_PASSWORD_FILE = "elasticsearch.password-file";
  public static final String ELASTICSEARCH_CA_FILE = "elasticsearch.ca-file";
  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String HIGH = "alarm.high.threshold";
  public static final String LOW = "alarm.low.threshold";
  public static final String HYSTERESIS = "alarm.clear.hysteresis";
  public static final String MAX_RATE = "alarm.rate.max";
  public static final String SPIKE_Z = "alarm.spike.z";

  /**
   * Keys renamed after users had them in their files: old spelling to new. Still read, with one
   * WARN naming the new key.
   */
  static final Map<String, String> OLD_SPELLINGS =
      Map.of("kafka.bootstrap-servers", KAFKA_BOOTSTRAP_SERVERS);

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleConfig.class);

  /** Every key with its default; {@code null} marks a required or optional key without one. */
  static final Map<String, String> DEFAULTS = defaultSettings();

  private static Map<String, String> defaultSettings() {
    Map<String, String> d = new HashMap<>();
    d.put(BIND_ADDRESS, "127.0.0.1");
    d.put(PORT, "8090");
    d.put(USERS_FILE, null);
    d.put(SECURE_COOKIE, "false");
    d.put(SESSION_TIMEOUT, "12 h");
    d.put(SESSION_MAX_LIFETIME, "24 h");
    d.put(EVENTS_PER_USER, "5");
    d.put(EVENTS_TOTAL, "200");
    d.put(EVENTS_MAX_QUEUED_BYTES, "4194304");
    d.put(RAW_MAX_RANGE, "6 h");
    d.put(POLL_INTERVAL, "1 s");
    d.put(LOGIN_PER_ADDRESS, "10");
    d.put(LOGIN_FAILURES_PER_USER, "30");
    d.put(LOGIN_MAX_CHECKS, "2");
    d.put(WATCHDOG_URL, null);
    d.put(WATCHDOG_POLL_INTERVAL, "5 s");
    d.put(ELASTICSEARCH_HOSTS, null);
    d.put(ELASTICSEARCH_USERNAME, null);
    d.put(ELASTICSEARCH_PASSWORD_FILE, null);
    d.put(ELASTICSEARCH_CA_FILE, null);
    d.put(KAFKA_BOOTSTRAP_SERVERS, null);
    // the job's keys with the job's one definition of the defaults, so the console shows what the
    // job applies
    d.put(HIGH, String.valueOf(Thresholds.DEFAULTS.highC()));
    d.put(LOW, String.valueOf(Thresholds.DEFAULTS.lowC()));
    d.put(HYSTERESIS, String.valueOf(Thresholds.DEFAULTS.hysteresisC()));
    d.put(MAX_RATE, String.valueOf(Thresholds.DEFAULTS.maxRateCPerMin()));
    d.put(SPIKE_Z, String.valueOf(Thresholds.DEFAULTS.spikeZ()));
    return d;
  }

  /**
   * Logins a client address may try a minute, failed logins a user name may have a minute (from any
   * address), and password checks (bcrypt) that may run at once.
   */
  public record LoginLimits(
      int attemptsPerAddressPerMinute, int failuresPerUserPerMinute, int maxConcurrentChecks) {}

  /**
   * Event streams ({@code /api/events}) one user may hold open, streams in all, and the unsent
   * bytes after which a stream that stopped reading is closed.
   */
  public record EventLimits(int maxPerUser, int maxTotal, long maxQueuedBytes) {}

  /**
   * The pipeline watchdog's {@code /health} URL (empty: no watchdog, so no health strip) and how
   * often the console asks it.
   */
  public record Watchdog(Optional<URI> url, Duration pollInterval) {}

  /** Credentials for Elasticsearch; {@link #toString()} hides the password. */
  public record Login(String username, String password) {
    @Override
    public String toString() {
      return "Login[username=" + username + ", password=(hidden)]";
    }
  }

  /**
   * The job's default thresholds, which apply where a sensor's config leaves a field empty; the
   * same rules as the job's {@code Thresholds}, so the console refuses at start what the job would.
   */
  public record DefaultThresholds(
      double highC, double lowC, double hysteresisC, double maxRateCPerMin, double spikeZ) {
    public DefaultThresholds {
      if (!(lowC < highC)) {
        throw invalid(LOW, lowC, "must be below " + HIGH + " " + highC);
      }
      if (!(hysteresisC >= 0)) {
        throw invalid(HYSTERESIS, hysteresisC, "must be >= 0");
      }
      if (!(maxRateCPerMin > 0)) {
        throw invalid(MAX_RATE, maxRateCPerMin, "must be > 0");
      }
      if (!(spikeZ > 0)) {
        throw invalid(SPIKE_Z, spikeZ, "must be > 0");
      }
    }
  }

  /** Reads a properties file of these keys. */
  public static ConsoleConfig fromFile(Path file) {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read console config " + file + ": " + e, e);
    }
    Map<String, String> map = new HashMap<>();
    p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
    return fromMap(map);
  }

  /** Reads settings from a map of the same keys (the demo, tests). */
  public static ConsoleConfig fromMap(Map<String, String> raw) {
    return fromMap(raw, LOG::warn);
  }

  /** As {@link #fromMap(Map)}, telling {@code warn} about keys read under an old spelling. */
  static ConsoleConfig fromMap(Map<String, String> given, Consumer<String> warn) {
    Map<String, String> raw = new HashMap<>(given);
    OLD_SPELLINGS.forEach(
        (old, current) -> {
          if (raw.containsKey(old)) {
            String value = raw.remove(old);
            raw.putIfAbsent(current, value);
            warn.accept(
                "console setting " + old + " is now spelled " + current + "; please rename it");
          }
        });
    TreeSet<String> unknown = new TreeSet<>(raw.keySet());
    unknown.removeAll(DEFAULTS.keySet());
    if (!unknown.isEmpty()) {
      throw invalid(unknown.first(), raw.get(unknown.first()), "is not a console setting");
    }
    Settings s = new Settings(raw);
    String username = s.text(ELASTICSEARCH_USERNAME);
    String passwordFile = s.text(ELASTICSEARCH_PASSWORD_FILE);
    return new ConsoleConfig(
        s.required(BIND_ADDRESS),
        s.port(PORT),
        Path.of(s.required(USERS_FILE)),
        Boolean.parseBoolean(s.required(SECURE_COOKIE)),
        s.duration(SESSION_TIMEOUT),
        s.duration(SESSION_MAX_LIFETIME),
        s.url(ELASTICSEARCH_HOSTS),
        login(username, passwordFile),
        Optional.ofNullable(s.text(ELASTICSEARCH_CA_FILE)).map(Path::of),
        s.required(KAFKA_BOOTSTRAP_SERVERS),
        new DefaultThresholds(
            s.number(HIGH),
            s.number(LOW),
            s.number(HYSTERESIS),
            s.number(MAX_RATE),
            s.number(SPIKE_Z)),
        s.duration(RAW_MAX_RANGE),
        s.duration(POLL_INTERVAL),
        new LoginLimits(
            s.count(LOGIN_PER_ADDRESS),
            s.count(LOGIN_FAILURES_PER_USER),
            s.count(LOGIN_MAX_CHECKS)),
        new EventLimits(
            s.count(EVENTS_PER_USER), s.count(EVENTS_TOTAL), s.count(EVENTS_MAX_QUEUED_BYTES)),
        new Watchdog(
            Optional.ofNullable(s.text(WATCHDOG_URL)).map(u -> s.url(WATCHDOG_URL)),
            s.duration(WATCHDOG_POLL_INTERVAL)));
  }

  private static Optional<Login> login(String username, String passwordFile) {
    if (username == null && passwordFile == null) {
      return Optional.empty();
    }
    if (username == null || passwordFile == null) {
      String missing = username == null ? ELASTICSEARCH_USERNAME : ELASTICSEARCH_PASSWORD_FILE;
      throw invalid(missing, "", "is required when the other Elasticsearch login key is set");
    }
    try {
      String password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
      if (password.isEmpty()) {
        throw invalid(ELASTICSEARCH_PASSWORD_FILE, passwordFile, "is empty");
      }
      return Optional.of(new Login(username, password));
    } catch (IOException e) {
      throw invalid(ELASTICSEARCH_PASSWORD_FILE, passwordFile, "cannot be read: " + e);
    }
  }

  static IllegalArgumentException invalid(String key, Object value, String why) {
    return new IllegalArgumentException(
        "invalid console setting " + key + "=\"" + value + "\": " + why);
  }
}
