package io.heatwatch.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heatwatch.testkit.RecordingLogger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class WatchdogConfigTest {
  private static Map<String, Object> required() {
    Map<String, Object> s = new HashMap<>();
    s.put(WatchdogConfig.MQTT_SERVER_URI, "tcp://127.0.0.1:1883");
    s.put(WatchdogConfig.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:9092");
    s.put(WatchdogConfig.CONNECT_URL, "http://127.0.0.1:8083");
    s.put(WatchdogConfig.FLINK_URL, "http://127.0.0.1:8081");
    s.put(WatchdogConfig.ELASTICSEARCH_URL, "http://127.0.0.1:9200");
    return s;
  }

  @Test
  void defaultsAreTheBriefs() {
    WatchdogConfig c = new WatchdogConfig(required());
    assertEquals(Duration.ofSeconds(5), c.duration(WatchdogConfig.CANARY_INTERVAL));
    assertEquals(Duration.ofSeconds(60), c.duration(WatchdogConfig.STALL_AFTER));
    assertEquals("heatwatch-canary", c.getString(WatchdogConfig.MQTT_USERNAME));
  }

  @Test
  void aBadDurationStopsTheStartNamingTheKey() {
    Map<String, Object> s = required();
    s.put(WatchdogConfig.STALL_AFTER, "sixty seconds");
    ConfigException e = assertThrows(ConfigException.class, () -> new WatchdogConfig(s));
    assertTrue(e.getMessage().contains(WatchdogConfig.STALL_AFTER), e.getMessage());
  }

  @Test
  void durationsTakeTheOneSyntaxAndIsoIsStillRead() {
    Map<String, Object> s = required();
    s.put(WatchdogConfig.CANARY_INTERVAL, "500 ms");
    s.put(WatchdogConfig.STALL_AFTER, "2 min");
    s.put(WatchdogConfig.HTTP_TIMEOUT, "PT4S");
    WatchdogConfig c = new WatchdogConfig(s);
    assertEquals(Duration.ofMillis(500), c.duration(WatchdogConfig.CANARY_INTERVAL));
    assertEquals(Duration.ofMinutes(2), c.duration(WatchdogConfig.STALL_AFTER));
    assertEquals(Duration.ofSeconds(4), c.duration(WatchdogConfig.HTTP_TIMEOUT));
  }

  @Test
  void theDefaultsAreWrittenInTheOneSyntax() {
    Map<String, Object> defaults = WatchdogConfig.DEFINITION.defaultValues();
    assertEquals("5 s", defaults.get(WatchdogConfig.CANARY_INTERVAL));
    assertEquals("60 s", defaults.get(WatchdogConfig.STALL_AFTER));
    assertEquals("3 s", defaults.get(WatchdogConfig.HTTP_TIMEOUT));
    assertEquals("5 s", defaults.get(WatchdogConfig.CONNECT_RESTART_BACKOFF));
    assertEquals("5 min", defaults.get(WatchdogConfig.CONNECT_RESTART_MAX_BACKOFF));
    assertEquals("1 min", defaults.get(WatchdogConfig.METRICS_INTERVAL));
  }

  @Test
  void kafkaBootstrapServersIsKafkasOwnName() {
    assertEquals("kafka.bootstrap.servers", WatchdogConfig.KAFKA_BOOTSTRAP_SERVERS);
  }

  @Test
  void theOldSpellingOfTheKafkaKeyIsStillReadWithOneWarnNamingTheNewKey() {
    Map<String, Object> s = required();
    s.remove(WatchdogConfig.KAFKA_BOOTSTRAP_SERVERS);
    s.put("kafka.bootstrap-servers", "127.0.0.1:19092");
    RecordingLogger log = new RecordingLogger();
    WatchdogConfig c = new WatchdogConfig(s, log);
    assertEquals("127.0.0.1:19092", c.getString(WatchdogConfig.KAFKA_BOOTSTRAP_SERVERS));
    assertEquals(1, log.lines.size(), log.lines.toString());
    assertTrue(log.lines.get(0).startsWith("WARN "), log.lines.toString());
    assertTrue(log.lines.get(0).contains("kafka.bootstrap-servers"), log.lines.toString());
    assertTrue(log.lines.get(0).contains("kafka.bootstrap.servers"), log.lines.toString());

    RecordingLogger quiet = new RecordingLogger();
    new WatchdogConfig(required(), quiet);
    assertEquals(List.of(), quiet.lines, "the new spelling logs nothing");
  }

  @Test
  void everySettingIsInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (String key : WatchdogConfig.DEFINITION.names()) {
      assertTrue(readme.contains("| `" + key + "` |"), key + " missing from watchdog/README.md");
    }
  }

  /**
   * The README's settings table is the ConfigDef's: the same keys, in the same order, each with its
   * default ("(required)" for none, "empty" for the empty string).
   */
  @Test
  void theReadmeSettingsTableIsTheDefinition() throws Exception {
    Map<String, String> rows = new java.util.LinkedHashMap<>();
    String readme = Files.readString(Path.of("README.md"));
    String table = readme.substring(readme.indexOf("## Settings"));
    table = table.substring(0, table.indexOf("\n## ", 3));
    java.util.regex.Matcher row =
        java.util.regex.Pattern.compile("(?m)^\\| `([^`]+)` \\| ([^|]+?) \\|").matcher(table);
    while (row.find()) {
      rows.put(row.group(1), row.group(2));
    }
    Map<String, String> defined = new java.util.LinkedHashMap<>();
    WatchdogConfig.DEFINITION
        .configKeys()
        .forEach(
            (name, key) ->
                defined.put(
                    name,
                    !key.hasDefault()
                        ? "(required)"
                        : "".equals(key.defaultValue) ? "empty" : "`" + key.defaultValue + "`"));
    assertEquals(
        List.copyOf(defined.entrySet()).toString(), List.copyOf(rows.entrySet()).toString());
  }

  @Test
  void anElasticsearchUserGivesABasicAuthorizationWithThePasswordFromItsFile(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("pw"), "s3cret\n");
    Map<String, Object> s = required();
    s.put(WatchdogConfig.ELASTICSEARCH_USERNAME, "heatwatch-watchdog");
    s.put(WatchdogConfig.ELASTICSEARCH_PASSWORD_FILE, secret.toString());
    assertEquals(
        java.util.Optional.of(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString("heatwatch-watchdog:s3cret".getBytes())),
        new WatchdogConfig(s).elasticsearchAuthorization());
    assertEquals(
        java.util.Optional.empty(), new WatchdogConfig(required()).elasticsearchAuthorization());
    s.remove(WatchdogConfig.ELASTICSEARCH_PASSWORD_FILE);
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> new WatchdogConfig(s).elasticsearchAuthorization());
    assertTrue(e.getMessage().contains(WatchdogConfig.ELASTICSEARCH_PASSWORD_FILE), e.getMessage());
  }
}
