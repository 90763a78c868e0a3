package io.heatwatch.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.model.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {
  private static Map<String, String> required() {
    Map<String, String> m = new HashMap<>();
    m.put("console.users-file", "users");
    m.put("elasticsearch.hosts", "http://127.0.0.1:9200");
    m.put("kafka.bootstrap.servers", "127.0.0.1:9092");
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
    m.put("watchdog.poll-interval", "2 s");
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

  @Test
  void kafkaBootstrapServersIsKafkasOwnName() {
    assertThat(ConsoleConfig.KAFKA_BOOTSTRAP_SERVERS).isEqualTo("kafka.bootstrap.servers");
    assertThat(ConsoleConfig.fromMap(required()).kafkaBootstrapServers())
        .isEqualTo("127.0.0.1:9092");
  }

  @Test
  void theOldSpellingOfTheKafkaKeyIsStillReadWithOneWarnNamingTheNewKey() {
    Map<String, String> m = required();
    m.remove("kafka.bootstrap.servers");
    m.put("kafka.bootstrap-servers", "127.0.0.1:19092");
    List<String> warnings = new ArrayList<>();
    ConsoleConfig config = ConsoleConfig.fromMap(m, warnings::add);
    assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("kafka.bootstrap-servers")
        .contains("kafka.bootstrap.servers");
  }

  @Test
  void durationsTakeTheOneSyntaxAndIsoIsStillRead() {
    Map<String, String> m = required();
    m.put("console.session-timeout", "12 h");
    m.put("console.session-max-lifetime", "2 d");
    m.put("console.series.raw-max-range", "90 min");
    m.put("console.poll-interval", "500 ms");
    m.put("watchdog.poll-interval", "PT2S");
    ConsoleConfig config = ConsoleConfig.fromMap(m);
    assertThat(config.sessionTimeout()).isEqualTo(Duration.ofHours(12));
    assertThat(config.sessionMaxLifetime()).isEqualTo(Duration.ofDays(2));
    assertThat(config.rawMaxRange()).isEqualTo(Duration.ofMinutes(90));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.watchdog().pollInterval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aBadDurationNamesTheKeyAndTheText() {
    Map<String, String> m = required();
    m.put("console.poll-interval", "soon");
    assertThatThrownBy(() -> ConsoleConfig.fromMap(m))
        .hasMessageContaining("console.poll-interval")
        .hasMessageContaining("soon");
    m.put("console.poll-interval", "0 s");
    assertThatThrownBy(() -> ConsoleConfig.fromMap(m))
        .hasMessageContaining("console.poll-interval")
        .hasMessageContaining("must be positive");
  }

  @Test
  void theDefaultsAreWrittenInTheOneSyntax() throws IOException {
    ConsoleConfig config = ConsoleConfig.fromMap(required());
    assertThat(config.sessionTimeout()).isEqualTo(Duration.ofHours(12));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    for (String value : ConsoleConfig.DEFAULTS.values()) {
      if (value != null) {
        assertThat(value).doesNotStartWith("PT");
      }
    }
    String docs = Files.readString(Path.of("../docs/console.md"));
    assertThat(docs).doesNotContain("`PT");
  }

  @Test
  void theDefaultThresholdsAreTheJobsOneDefinition() {
    ConsoleConfig config = ConsoleConfig.fromMap(required());
    Thresholds d = Thresholds.DEFAULTS;
    assertThat(config.defaults())
        .isEqualTo(
            new ConsoleConfig.DefaultThresholds(
                d.highC(), d.lowC(), d.hysteresisC(), d.maxRateCPerMin(), d.spikeZ()));
    Map<String, String> m = required();
    m.put("alarm.high.threshold", "40.5");
    assertThat(ConsoleConfig.fromMap(m).defaults().highC()).isEqualTo(40.5);
  }

  @Test
  void defaultThresholdsTheJobWouldRefuseAreRefusedAtStartNamingTheKey() {
    Map<String, String> m = required();
    m.put("alarm.low.threshold", "40");
    assertThatThrownBy(() -> ConsoleConfig.fromMap(m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alarm.low.threshold=\"40.0\"")
        .hasMessageContaining("alarm.high.threshold");
    Map<String, String> rate = required();
    rate.put("alarm.rate.max", "0");
    assertThatThrownBy(() -> ConsoleConfig.fromMap(rate))
        .hasMessageContaining("alarm.rate.max")
        .hasMessageContaining("must be > 0");
    Map<String, String> hysteresis = required();
    hysteresis.put("alarm.clear.hysteresis", "-1");
    assertThatThrownBy(() -> ConsoleConfig.fromMap(hysteresis))
        .hasMessageContaining("alarm.clear.hysteresis");
    Map<String, String> spike = required();
    spike.put("alarm.spike.z", "0");
    assertThatThrownBy(() -> ConsoleConfig.fromMap(spike)).hasMessageContaining("alarm.spike.z");
  }

  @Test
  void theDocsSettingsTableIsTheDefinition() throws IOException {
    String docs = Files.readString(Path.of("../docs/console.md"));
    String section = docs.substring(docs.indexOf("## Configure"));
    section = section.substring(0, section.indexOf("\n\n", section.indexOf("| key |")));
    Map<String, String> rows = new java.util.LinkedHashMap<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| `")) {
        String[] cells = line.split("\\|");
        String key = cells[1].strip();
        assertThat(key).as("one key per row: " + line).matches("`[^`]+`");
        assertThat(rows.put(key.substring(1, key.length() - 1), cells[2].strip()))
            .as("row once: " + key)
            .isNull();
      }
    }
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ConsoleConfig.DEFAULTS.keySet());
    ConsoleConfig.DEFAULTS.forEach(
        (key, value) -> {
          if (value == null) {
            assertThat(rows.get(key)).as(key).doesNotStartWith("`");
          } else {
            assertThat(rows.get(key)).as(key).isEqualTo("`" + value + "`");
          }
        });
  }
}
