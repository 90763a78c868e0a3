package io.heatwatch.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {
  private static Map<String, String> required() {
    Map<String, String> m = new HashMap<>();
    m.put("console.users-file", "users");
    m.put("elasticsearch.hosts", "http://127.0.0.1:9200");
    m.put("kafka.bootstrap-servers", "127.0.0.1:9092");
    return m;
  }

  @Test
  void withoutAWatchdogUrlThereIsNoStrip() {
    ConsoleConfig config = ConsoleConfig.fromMap(required());
    assertThat(config.watchdog().url()).isEmpty();
    assertThat(config.watchdog().pollInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theWatchdogUrlIsItsHealthEndpoint() {
    Map<String, String> m = required();
    m.put("watchdog.url", "http://watchdog:8095/health");
    m.put("watchdog.poll-interval", "PT2S");
    ConsoleConfig config = ConsoleConfig.fromMap(m);
    assertThat(config.watchdog().url())
        .hasValueSatisfying(u -> assertThat(u).hasToString("http://watchdog:8095/health"));
    assertThat(config.watchdog().pollInterval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aBadWatchdogUrlNamesItsKey() {
    Map<String, String> m = required();
    m.put("watchdog.url", "watchdog:8095");
    assertThatThrownBy(() -> ConsoleConfig.fromMap(m))
        .hasMessageContaining("watchdog.url")
        .hasMessageContaining("watchdog:8095");
  }

  @Test
  void everySettingIsInTheConsoleDocs() throws IOException {
    String docs = Files.readString(Path.of("../docs/console.md"));
    for (String key : ConsoleConfig.DEFAULTS.keySet()) {
      assertThat(docs).as(key).contains("`" + key + "`");
    }
  }
}
