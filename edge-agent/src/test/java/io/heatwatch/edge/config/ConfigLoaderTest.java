package io.heatwatch.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    return Files.writeString(dir.resolve("agent.yaml"), yaml);
  }

  @Test
  void shippedExampleIsValid() {
    AgentConfig config = ConfigLoader.load(Path.of("dist/agent.yaml"), Map.of());
    assertThat(config.mqtt().uri()).startsWith("ssl://");
    assertThat(config.period()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.sensors().readTimeout())
        .as("the example shows the default")
        .isEqualTo(Sensors.DEFAULT_READ_TIMEOUT);
  }

  @Test
  void minimalFileGetsDefaults() throws Exception {
    AgentConfig config =
        ConfigLoader.load(
            file("site: home\ndevice-id: pi-1\nmqtt:\n  uri: tcp://127.0.0.1:1883\n"), Map.of());
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/heatwatch"));
    assertThat(config.mqtt().window()).isEqualTo(8);
    assertThat(config.mqtt().batch()).isEqualTo(50);
    assertThat(config.sensors().w1Devices()).isEqualTo(Path.of("/sys/bus/w1/devices"));
    assertThat(config.outbox().maxReadings()).isEqualTo(4_838_400L);
    assertThat(config.sensors().readTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aReadTimeoutOutsideItsRangeIsNamed() throws Exception {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    file(
                        "site: home\ndevice-id: pi-1\nmqtt:\n  uri: tcp://127.0.0.1:1883\n"
                            + "sensors:\n  read-timeout: 0 s\n"),
                    Map.of()))
        .hasMessageContaining("sensors.read-timeout: must be within 100 ms..1 min (got 0 s)");
  }

  private static final String MINIMAL = "site: home\ndevice-id: pi-1\nmqtt:\n  uri: tcp://h:1\n";

  @Test
  void durationsAreANumberAndAUnit() throws Exception {
    AgentConfig config =
        ConfigLoader.load(
            file(
                "site: home\ndevice-id: pi-1\nperiod: 5 s\nheartbeat: 1 min\nmqtt:\n"
                    + "  uri: tcp://h:1\n  session-expiry: 7 d\nsensors:\n  read-timeout: 500 ms\n"
                    + "outbox:\n  max-age: 12 h\n"),
            Map.of());
    assertThat(config.period()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.heartbeat()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.mqtt().sessionExpiry()).isEqualTo(Duration.ofDays(7));
    assertThat(config.sensors().readTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.outbox().maxAge()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void isoDurationsOfFilesWrittenBeforeStillLoad() throws Exception {
    AgentConfig config =
        ConfigLoader.load(
            file(
                "site: home\ndevice-id: pi-1\nperiod: PT5S\nheartbeat: PT1M\nmqtt:\n"
                    + "  uri: tcp://h:1\n  session-expiry: P7D\nsensors:\n  read-timeout: PT0.5S\n"
                    + "outbox:\n  max-age: PT12H\n"),
            Map.of());
    assertThat(config.period()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.heartbeat()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.mqtt().sessionExpiry()).isEqualTo(Duration.ofDays(7));
    assertThat(config.sensors().readTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.outbox().maxAge()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void aValueThatIsNotADurationNamesTheKeyAndTheValueOnce() throws Exception {
    Path f = file(MINIMAL + "sensors:\n  read-timeout: 5 parsecs\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("sensors.read-timeout: '5 parsecs' is not a duration")
                    .contains("30 s"));
  }

  @Test
  void theShippedExampleAndTheDocsWriteDurationsInTheOneSyntax() throws Exception {
    for (String doc : new String[] {"dist/agent.yaml", "README.md"}) {
      assertThat(Files.readString(Path.of(doc)))
          .as(doc)
          .doesNotContainPattern("\\bP(T\\d+(\\.\\d+)?[HMS]|\\d+D)\\b");
    }
  }

  @Test
  void keysAreLowerCaseWithWordsJoinedByDashes() throws Exception {
    LoadedConfig loaded =
        ConfigLoader.read(
            file(
                "site: home\ndevice-id: pi-1\ndata-dir: /tmp/hw\nmqtt:\n  uri: tcp://h:1\n"
                    + "  password-file: /etc/p\n  session-expiry: 1 d\nsensors:\n"
                    + "  w1-devices: /w1\n  crc-retries: 2\n  read-timeout: 2 s\n"
                    + "  list:\n    - {id: 28-0316a2796aff, calibration-c: 0.5, resolution-bits: 11}\n"
                    + "outbox:\n  max-readings: 10\n  max-age: 1 d\n"
                    + "gpio:\n  alarm-led: 17\n  power-cycle-after: 3\n"),
            Map.of());
    AgentConfig config = loaded.config();
    assertThat(config.deviceId()).isEqualTo("pi-1");
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/hw"));
    assertThat(config.mqtt().passwordFile()).isEqualTo(Path.of("/etc/p"));
    assertThat(config.mqtt().sessionExpiry()).isEqualTo(Duration.ofDays(1));
    assertThat(config.sensors().w1Devices()).isEqualTo(Path.of("/w1"));
    assertThat(config.sensors().crcRetries()).isEqualTo(2);
    assertThat(config.sensors().readTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.sensors().list().get(0).calibrationC()).isEqualTo(0.5);
    assertThat(config.sensors().list().get(0).resolutionBits()).isEqualTo(11);
    assertThat(config.outbox().maxReadings()).isEqualTo(10);
    assertThat(config.gpio().alarmLed()).isEqualTo(17);
    assertThat(config.gpio().powerCycleAfter()).isEqualTo(3);
    assertThat(loaded.warnings()).isEmpty();
  }

  @Test
  void theOldCamelCaseKeysStillLoadWithOneWarningNamingTheNewOnes() throws Exception {
    LoadedConfig loaded =
        ConfigLoader.read(
            file(
                "site: home\ndeviceId: pi-1\nmqtt:\n  uri: tcp://h:1\n  passwordFile: /etc/p\n"
                    + "sensors:\n  list:\n    - {id: 28-0316a2796aff, calibrationC: 0.5}\n"
                    + "outbox:\n  maxReadings: 10\n"),
            Map.of());
    assertThat(loaded.config().deviceId()).isEqualTo("pi-1");
    assertThat(loaded.config().mqtt().passwordFile()).isEqualTo(Path.of("/etc/p"));
    assertThat(loaded.config().sensors().list().get(0).calibrationC()).isEqualTo(0.5);
    assertThat(loaded.config().outbox().maxReadings()).isEqualTo(10);
    assertThat(loaded.warnings())
        .singleElement()
        .asString()
        .contains("deviceId -> device-id")
        .contains("mqtt.passwordFile -> mqtt.password-file")
        .contains("sensors.list[0].calibrationC -> sensors.list[0].calibration-c")
        .contains("outbox.maxReadings -> outbox.max-readings");
  }

  @Test
  void theShippedExampleUsesTheOneKeySpelling() throws Exception {
    assertThat(ConfigLoader.read(Path.of("dist/agent.yaml"), Map.of()).warnings()).isEmpty();
  }

  @Test
  void environmentOverridesTheFile() throws Exception {
    AgentConfig config =
        ConfigLoader.load(
            file("site: home\ndevice-id: pi-1\nmqtt:\n  uri: tcp://127.0.0.1:1883\n"),
            Map.of("HEATWATCH_DEVICE_ID", "pi-7", "HEATWATCH_MQTT_URI", "ssl://broker:8883"));
    assertThat(config.deviceId()).isEqualTo("pi-7");
    assertThat(config.mqtt().uri()).isEqualTo("ssl://broker:8883");
  }

  @Test
  void everyProblemIsOneLine() throws Exception {
    Path f =
        file(
            "site: Home\ndevice-id: pi-1\nperiod: PT0.01S\nmqtt:\n  uri: http://x\n  window: 0\n"
                + "  batch: 501\n"
                + "sensors:\n  list:\n    - id: 10-abc\n      calibration-c: 9\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(7)
                    .anyMatch(p -> p.startsWith("site:") && p.contains("Home"))
                    .anyMatch(p -> p.startsWith("period:"))
                    .anyMatch(p -> p.startsWith("mqtt.uri:") && p.contains("http://x"))
                    .anyMatch(p -> p.startsWith("mqtt.window:"))
                    .anyMatch(p -> p.startsWith("mqtt.batch:") && p.contains("501"))
                    .anyMatch(p -> p.startsWith("sensors.list[0].id:"))
                    .anyMatch(p -> p.startsWith("sensors.list[0].calibration-c:")));
  }

  @Test
  void unknownKeyNamesItsPath() throws Exception {
    Path f = file("site: home\ndevice-id: pi-1\nmqtt:\n  uri: tcp://h:1\n  pasword: x\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessageContaining("mqtt.pasword")
        .hasMessageContaining("agent.yaml");
  }

  @Test
  void wrongTypeNamesItsPath() throws Exception {
    Path f = file("site: home\ndevice-id: pi-1\nperiod: soon\nmqtt:\n  uri: tcp://h:1\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("period");
  }

  @Test
  void brokenYamlAndMissingFileAreClear() throws Exception {
    Path f = file("site: [home\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of()))
        .hasMessageContaining("no such file");
    Path list = file("- a\n- b\n");
    assertThatThrownBy(() -> ConfigLoader.load(list, Map.of())).hasMessageContaining("mapping");
  }
}
