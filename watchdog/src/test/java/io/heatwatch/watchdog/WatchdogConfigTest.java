package io.heatwatch.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
    s.put(WatchdogConfig.STALL_AFTER, "60s");
    ConfigException e = assertThrows(ConfigException.class, () -> new WatchdogConfig(s));
    assertTrue(e.getMessage().contains(WatchdogConfig.STALL_AFTER), e.getMessage());
  }

  @Test
  void everySettingIsInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (String key : WatchdogConfig.DEFINITION.names()) {
      assertTrue(readme.contains("| `" + key + "` |"), key + " missing from watchdog/README.md");
    }
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
