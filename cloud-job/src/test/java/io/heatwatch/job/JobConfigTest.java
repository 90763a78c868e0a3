package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.model.Thresholds;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobConfigTest {
  private static final String[] REQUIRED = {
    "--kafka.bootstrap.servers", "127.0.0.1:9092", "--elasticsearch.hosts", "http://127.0.0.1:9200"
  };

  @Test
  void hasTheDocumentedDefaults() {
    JobConfig config = JobConfig.fromArgs(REQUIRED);

    assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.kafkaGroupId()).isEqualTo("heatwatch-job");
    assertThat(config.elasticsearchHosts()).containsExactly(URI.create("http://127.0.0.1:9200"));
    assertThat(config.legacyZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(config.highThresholdC()).isEqualTo(35.0);
    assertThat(config.clearHysteresisC()).isEqualTo(1.0);
    assertThat(config.outOfOrderness()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.idleness()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.dedupeTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(config.parallelism()).isEmpty();
    assertThat(config.jobName()).isEqualTo("heatwatch");
  }

  @Test
  void readsEverySetting() {
    JobConfig config =
        JobConfig.fromMap(
            Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", "k1:9092,k2:9092"),
                Map.entry("kafka.group.id", "hw"),
                Map.entry("elasticsearch.hosts", "http://es1:9200, https://es2:9243"),
                Map.entry("legacy.time-zone", "Asia/Shanghai"),
                Map.entry("alarm.high.threshold", "8"),
                Map.entry("alarm.clear.hysteresis", "0.5"),
                Map.entry("watermark.out-of-orderness", "500 ms"),
                Map.entry("watermark.idleness", "1 min"),
                Map.entry("checkpoint.interval", "30s"),
                Map.entry("dedupe.ttl", "2 d"),
                Map.entry("parallelism", "4"),
                Map.entry("job.name", "heatwatch-eu")));

    assertThat(config.elasticsearchHosts())
        .containsExactly(URI.create("http://es1:9200"), URI.create("https://es2:9243"));
    assertThat(config.legacyZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(config.highThresholdC()).isEqualTo(8.0);
    assertThat(config.clearHysteresisC()).isEqualTo(0.5);
    assertThat(config.outOfOrderness()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.idleness()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.dedupeTtl()).isEqualTo(Duration.ofDays(2));
    assertThat(config.parallelism()).isEqualTo(OptionalInt.of(4));
    assertThat(config.jobName()).isEqualTo("heatwatch-eu");
  }

  @Test
  void readsTheDetectionAndOperationsSettings() {
    Map<String, String> settings = new HashMap<>(required());
    settings.putAll(
        Map.ofEntries(
            Map.entry("alarm.low.threshold", "-5"),
            Map.entry("alarm.rate.max", "2.5"),
            Map.entry("alarm.min-duration", "30 s"),
            Map.entry("alarm.spike.z", "6"),
            Map.entry("alarm.spike.min-delta", "0.5"),
            Map.entry("alarm.flatline.duration", "2 h"),
            Map.entry("alarm.fault.burst", "5"),
            Map.entry("alarm.offline.timeout", "1 min"),
            Map.entry("alarms.kafka.guarantee", "exactly-once"),
            Map.entry("alarms.kafka.transactional-id-prefix", "hw-eu"),
            Map.entry("state.backend", "rocksdb"),
            Map.entry("checkpoint.dir", "file:///tmp/chk"),
            Map.entry("restart.delay", "2 s"),
            Map.entry("restart.max-delay", "5 min"),
            Map.entry("restart.jitter", "0.2"),
            Map.entry("restart.reset-after", "1 h"),
            Map.entry("restart.attempts", "4"),
            Map.entry("sensor.silent.min", "3 min"),
            Map.entry("sensor.retire-after", "30 d")));

    JobConfig config = JobConfig.fromMap(settings);

    assertThat(config.thresholds())
        .isEqualTo(
            Thresholds.DEFAULTS.toBuilder()
                .highC(35.0)
                .lowC(-5.0)
                .hysteresisC(1.0)
                .maxRateCPerMin(2.5)
                .minDurationMs(30_000)
                .spikeZ(6.0)
                .spikeMinDeltaC(0.5)
                .flatlineMs(Duration.ofHours(2).toMillis())
                .faultBurst(5)
                .build());
    assertThat(config.offlineTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.alarmsGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    assertThat(config.transactionalIdPrefix()).isEqualTo("hw-eu");
    assertThat(config.stateBackend()).isEqualTo("rocksdb");
    assertThat(config.checkpointDir()).contains("file:///tmp/chk");
    assertThat(config.restarts())
        .isEqualTo(
            new Restarts(
                Duration.ofSeconds(2),
                Duration.ofMinutes(5),
                0.2,
                Duration.ofHours(1),
                OptionalInt.of(4)));
    assertThat(config.silentMin()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.retireAfter()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void defaultsOfTheDetectionAndOperationsSettings() {
    JobConfig config = JobConfig.fromArgs(REQUIRED);

    assertThat(config.thresholds()).isEqualTo(Thresholds.DEFAULTS);
    assertThat(config.offlineTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.alarmsGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    assertThat(config.transactionalIdPrefix()).isEqualTo("heatwatch-alarms");
    assertThat(config.stateBackend()).isEqualTo("hashmap");
    assertThat(config.checkpointDir()).isEmpty();
    assertThat(config.restarts())
        .isEqualTo(
            new Restarts(
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                0.1,
                Duration.ofMinutes(10),
                OptionalInt.empty()));
    assertThat(config.silentMin()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.retireAfter()).isEqualTo(Duration.ofDays(7));
    assertThat(config.elasticsearchLogin()).isEmpty();
  }

  @Test
  void anEmptyOptionalSettingMeansUnset() {
    Map<String, String> settings = new HashMap<>(required());
    settings.put("parallelism", "");
    settings.put("restart.attempts", " ");
    settings.put("checkpoint.dir", "");
    settings.put("elasticsearch.username", "");

    JobConfig config = JobConfig.fromMap(settings);

    assertThat(config.parallelism()).isEmpty();
    assertThat(config.restarts().attempts()).isEmpty();
    assertThat(config.checkpointDir()).isEmpty();
    assertThat(config.elasticsearchLogin()).isEmpty();
  }

  @Test
  void readsAFlinkConfiguration() {
    Configuration settings = new Configuration();
    settings.set(JobOptions.KAFKA_BOOTSTRAP_SERVERS, "k:9092");
    settings.set(JobOptions.ELASTICSEARCH_HOSTS, "http://es:9200");
    settings.set(JobOptions.SPIKE_Z, 6.0);
    settings.set(JobOptions.OFFLINE_TIMEOUT, Duration.ofMinutes(2));

    JobConfig config = JobConfig.from(settings);

    assertThat(config.kafkaBootstrapServers()).isEqualTo("k:9092");
    assertThat(config.thresholds()).isEqualTo(Thresholds.DEFAULTS.withSpikeZ(6.0));
    assertThat(config.offlineTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void acceptsEveryKeyOfJobOptions() {
    Map<String, String> settings = new HashMap<>(required());
    JobOptions.ALL.stream()
        .filter(option -> option.hasDefaultValue())
        .forEach(option -> settings.put(option.key(), JobOptionsTest.text(option.defaultValue())));

    assertThat(JobConfig.fromMap(settings)).isEqualTo(JobConfig.fromMap(required()));
  }

  @Test
  void readsAPropertiesFileAndLetsArgumentsOverrideIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("job.properties");
    Files.writeString(
        file,
        """
        kafka.bootstrap.servers=kafka:9092
        elasticsearch.hosts=http://es:9200
        alarm.high.threshold=40
        """);

    JobConfig config =
        JobConfig.fromArgs("--config", file.toString(), "--alarm.high.threshold", "30");

    assertThat(config.kafkaBootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.highThresholdC()).isEqualTo(30.0);
  }

  @Test
  void namesAPropertiesFileItCannotRead(@TempDir Path dir) {
    String missing = dir.resolve("missing.properties").toString();

    assertThatThrownBy(() -> JobConfig.fromArgs("--config", missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("config: cannot read the properties file")
        .hasMessageContaining(missing);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          kafka.bootstrap.servers    | ''                    | is required
          elasticsearch.hosts        | 127.0.0.1:9200        | expected http(s)://host:port
          elasticsearch.hosts        | http://es             | expected http(s)://host:port
          elasticsearch.hosts        | 'http://es:9200, ftp://x:1' | expected http(s)://host:port
          legacy.time-zone           | Mars/Olympus          | expected a time zone id
          alarm.high.threshold       | hot                   | expected a number
          alarm.high.threshold       | NaN                   | must be a finite number
          alarm.clear.hysteresis     | -1                    | must be a finite number >= 0
          watermark.out-of-orderness | ten seconds           | expected a duration
          watermark.out-of-orderness | -1 s                  | expected a duration
          watermark.idleness         | 0 s                   | must be positive
          checkpoint.interval        | 0                     | must be positive
          dedupe.ttl                 | forever               | expected a duration
          checkpoint.interval        | PT10S                 | expected a duration
          parallelism                | two                   | expected a whole number
          parallelism                | 0                     | must be >= 1
          job.name                   | ''                    | is required
          alarm.high.threshold       | ''                    | is required
          alarm.low.threshold        | 40                    | must be below alarm.high.threshold 35.0
          alarm.rate.max             | 0                     | must be a finite number > 0
          alarm.min-duration         | -1 s                  | expected a duration
          alarm.spike.z              | 0                     | must be a finite number > 0
          alarm.spike.min-delta      | -1                    | must be a finite number >= 0
          alarm.flatline.duration    | 0 s                   | must be positive
          alarm.fault.burst          | 11                    | must be 1..10
          alarm.fault.burst          | 1.5                   | expected a whole number
          alarm.offline.timeout      | 0 s                   | must be positive
          alarms.kafka.guarantee     | none                  | at-least-once or exactly-once
          alarms.kafka.guarantee     | maybe                 | at-least-once or exactly-once
          state.backend              | memory                | must be hashmap or rocksdb
          restart.delay              | 0 s                   | must be positive
          restart.max-delay          | 500 ms                | must be at least restart.delay
          restart.jitter             | 2                     | must be 0..1
          restart.reset-after        | 0 s                   | must be positive
          restart.attempts           | -1                    | must be >= 0 or empty
          restart.attempts           | many                  | expected a whole number
          sensor.silent.min          | 0 s                   | must be positive
          sensor.retire-after        | 0 s                   | must be positive
          notify.escalation.critical | '15 min, 10 min'      | strictly increasing
          notify.escalation.critical | 'soon'                | expected durations such as
          notify.escalation.warning  | '0 s'                 | must be > 0
          notify.reminder.critical   | -1 s                  | expected a duration
          """)
  void rejectsABadValueNamingItsKey(String key, String value, String problem) {
    Map<String, String> settings = new HashMap<>(required());
    settings.put(key, value);

    assertThatThrownBy(() -> JobConfig.fromMap(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(key + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void escalationDefaultsAndAnEmptyListMeaningLevelOneOnly() {
    assertThat(JobConfig.fromMap(required()).escalation())
        .isEqualTo(io.heatwatch.job.notify.Escalation.DEFAULTS);
    Map<String, String> settings = new HashMap<>(required());
    settings.put("notify.escalation.warning", "");
    settings.put("notify.escalation.critical", "5 min, 1 h");
    var escalation = JobConfig.fromMap(settings).escalation();
    assertThat(escalation.warning()).isEmpty();
    assertThat(escalation.critical())
        .containsExactly(java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(1));
  }

  @Test
  void requiresKafkaAndElasticsearch() {
    assertThatThrownBy(() -> JobConfig.fromArgs())
        .hasMessage("kafka.bootstrap.servers: is required (got 'null')");
    assertThatThrownBy(() -> JobConfig.fromArgs("--kafka.bootstrap.servers", "k:9092"))
        .hasMessage("elasticsearch.hosts: is required (got 'null')");
  }

  @Test
  void rejectsUnknownKeysSoTyposDoNotGoUnnoticed() {
    Map<String, String> settings = new HashMap<>(required());
    settings.put("alarm.high.treshold", "30");

    assertThatThrownBy(() -> JobConfig.fromMap(settings))
        .hasMessageStartingWith("unknown setting(s) [alarm.high.treshold]")
        .hasMessageContaining("alarm.high.threshold");
  }

  @Test
  void rejectsUnknownKeysOfAFlinkConfigurationToo() {
    Configuration settings = Configuration.fromMap(required());
    settings.setString("alarm.spike.zz", "6");

    assertThatThrownBy(() -> JobConfig.from(settings))
        .hasMessageStartingWith("unknown setting(s) [alarm.spike.zz]")
        .hasMessageContaining("alarm.spike.z");
  }

  @Test
  void rejectsArgumentsThatAreNotKeyValuePairs() {
    assertThatThrownBy(() -> JobConfig.fromArgs("kafka.bootstrap.servers"))
        .hasMessageStartingWith("program arguments: ");
  }

  @Test
  void keepsTheHostListImmutable() {
    List<URI> hosts = JobConfig.fromArgs(REQUIRED).elasticsearchHosts();

    assertThatThrownBy(() -> hosts.add(URI.create("http://x:1")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void elasticsearchLoginComesFromAPasswordFileAndIsNeverPrinted(@TempDir Path dir)
      throws IOException {
    Path secret = Files.writeString(dir.resolve("es-password"), "s3cret-job-password\n");
    Map<String, String> settings = new HashMap<>(required());
    settings.put(JobOptions.ELASTICSEARCH_USERNAME.key(), "heatwatch-job");
    settings.put(JobOptions.ELASTICSEARCH_PASSWORD_FILE.key(), secret.toString());

    JobConfig config = JobConfig.fromMap(settings);

    assertThat(config.elasticsearchLogin())
        .contains(new JobConfig.ElasticsearchLogin("heatwatch-job", "s3cret-job-password"));
    assertThat(config.toString()).contains("heatwatch-job").doesNotContain("s3cret-job-password");
    assertThat(JobConfig.fromMap(required()).elasticsearchLogin()).isEmpty();
  }

  @Test
  void elasticsearchUserWithoutReadablePasswordFileIsRefused(@TempDir Path dir) {
    Map<String, String> userOnly = new HashMap<>(required());
    userOnly.put(JobOptions.ELASTICSEARCH_USERNAME.key(), "heatwatch-job");
    assertThatThrownBy(() -> JobConfig.fromMap(userOnly))
        .hasMessageContaining(JobOptions.ELASTICSEARCH_PASSWORD_FILE.key());

    Map<String, String> missingFile = new HashMap<>(userOnly);
    missingFile.put(JobOptions.ELASTICSEARCH_PASSWORD_FILE.key(), dir.resolve("absent").toString());
    assertThatThrownBy(() -> JobConfig.fromMap(missingFile))
        .hasMessageContaining(JobOptions.ELASTICSEARCH_PASSWORD_FILE.key())
        .hasMessageContaining("cannot be read");
  }

  private static Map<String, String> required() {
    return Map.of(
        "kafka.bootstrap.servers",
        "127.0.0.1:9092",
        "elasticsearch.hosts",
        "http://127.0.0.1:9200");
  }
}
