package io.heatwatch.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Pipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What an installer runs first: --check-config and --list-sensors. */
class MainTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new Main())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  private Path config(String extra) throws Exception {
    return Files.writeString(
        dir.resolve("agent.yaml"),
        "site: home\ndevice-id: pi-1\nmqtt:\n  uri: tcp://127.0.0.1:1883\nsensors:\n  w1-devices: "
            + dir.resolve("w1")
            + "\n"
            + extra);
  }

  @Test
  void listSensorsShowsEachSensorWithALiveReading() throws Exception {
    Path sensor = Files.createDirectories(dir.resolve("w1/28-0316a2796aff"));
    Files.writeString(
        sensor.resolve("w1_slave"),
        "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n");
    Path broken = Files.createDirectories(dir.resolve("w1/28-000000000001"));
    Files.writeString(
        broken.resolve("w1_slave"),
        "ff ff ff ff ff ff ff ff ff : crc=c9 NO\nff ff ff ff ff ff ff ff ff t=-62\n");
    assertThat(run("--config", config("").toString(), "--list-sensors")).isZero();
    assertThat(out.toString())
        .contains("28-0316a2796aff")
        .contains("23.125 °C")
        .contains("28-000000000001")
        .contains("DISCONNECTED")
        .contains("2 sensor(s)");
  }

  @Test
  void listSensorsOnAnEmptyBusFails() throws Exception {
    assertThat(run("--config", config("").toString(), "--list-sensors")).isEqualTo(1);
    assertThat(out.toString()).contains("0 sensor(s)");
  }

  @Test
  void checkConfigSaysOkOrListsTheProblems() throws Exception {
    assertThat(run("--config", config("").toString(), "--check-config")).isZero();
    assertThat(out.toString()).contains(": OK");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "site: Home\nmqtt:\n  uri: x\n");
    assertThat(run("--config", bad.toString(), "--check-config")).isEqualTo(2);
    assertThat(err.toString()).contains("site:").contains("device-id:").contains("mqtt.uri:");
  }

  @Test
  void checkConfigWarnsWhenTheUserNameIsNotTheDeviceId() throws Exception {
    Path shared =
        Files.writeString(
            dir.resolve("shared.yaml"),
            "site: home\ndevice-id: pi-1\nmqtt:\n  uri: tcp://127.0.0.1:1883\n  username: pi-kitchen\n");
    assertThat(run("--config", shared.toString(), "--check-config")).isZero();
    assertThat(out.toString())
        .contains("warning: mqtt.username: pi-kitchen is not the device-id pi-1")
        .contains("per-device ACL")
        .contains(": OK");
    out.getBuffer().setLength(0);
    Path own =
        Files.writeString(
            dir.resolve("own.yaml"),
            "site: home\ndevice-id: pi-1\nmqtt:\n  uri: tcp://127.0.0.1:1883\n  username: pi-1\n");
    assertThat(run("--config", own.toString(), "--check-config")).isZero();
    assertThat(out.toString()).doesNotContain("warning");
  }

  @Test
  void simulatedSensorIdsBeyondTheContractsLengthAreRefusedAtStart() throws Exception {
    String device = "d".repeat(61); // a valid device id; "-t1" makes 64 characters, "-t10" 65
    Path config =
        Files.writeString(
            dir.resolve("long.yaml"),
            "site: home\ndevice-id: "
                + device
                + "\nmqtt:\n  uri: tcp://127.0.0.1:1883\nsimulate: {sensors: 10, seed: 1,"
                + " spike-every: 0}\n");
    assertThat(run("--config", config.toString(), "--check-config")).isEqualTo(2);
    assertThat(err.toString())
        .contains("simulate.sensors: sensor id " + device + "-t10 is longer than 64 characters");
    Path nine =
        Files.writeString(
            dir.resolve("nine.yaml"),
            Files.readString(config).replace("sensors: 10", "sensors: 9"));
    assertThat(run("--config", nine.toString(), "--check-config")).isZero();
    err.getBuffer().setLength(0);
    assertThat(run("--config", nine.toString(), "--simulate", "10", "--list-sensors")).isEqualTo(2);
    assertThat(err.toString()).contains("--simulate: sensor id " + device + "-t10 is longer");
  }

  @Test
  void theReservedDeviceIdsAreRefusedAtStartAndInCheckConfig() throws Exception {
    for (String reserved : List.of(Pipeline.CANARY_DEVICE_ID, Pipeline.DEVICE_ID)) {
      Path config =
          Files.writeString(
              dir.resolve(reserved + ".yaml"),
              "site: home\ndevice-id: " + reserved + "\nmqtt:\n  uri: tcp://127.0.0.1:1883\n");
      err.getBuffer().setLength(0);
      assertThat(run("--config", config.toString(), "--check-config")).isEqualTo(2);
      assertThat(err.toString())
          .contains("device-id: " + reserved + " is reserved for heatwatch's own pipeline");
      err.getBuffer().setLength(0);
      assertThat(run("--config", config.toString())).as("start").isEqualTo(2);
      assertThat(err.toString()).contains("device-id: " + reserved + " is reserved");
    }
  }

  @Test
  void checkConfigNamesAMissingOrUnreadablePasswordFile() throws Exception {
    Path missing = dir.resolve("no-such-password");
    Path config = config("").resolveSibling("missing.yaml");
    Files.writeString(
        config,
        Files.readString(dir.resolve("agent.yaml"))
            .replace("mqtt:\n", "mqtt:\n  password-file: " + missing + "\n"));
    assertThat(run("--config", config.toString(), "--check-config")).isEqualTo(2);
    assertThat(err.toString())
        .contains("mqtt.password-file: cannot read " + missing)
        .doesNotContain(": OK");
    assertThat(out.toString()).doesNotContain(": OK");

    err.getBuffer().setLength(0);
    Path directory = Files.createDirectories(dir.resolve("password-dir"));
    Files.writeString(
        config, Files.readString(config).replace(missing.toString(), directory.toString()));
    assertThat(run("--config", config.toString(), "--check-config")).isEqualTo(2);
    assertThat(err.toString()).contains("mqtt.password-file: cannot read " + directory);
  }

  @Test
  void aMissingPasswordFileStopsTheStartWithOneLineNamingIt() throws Exception {
    Path missing = dir.resolve("no-such-password");
    Path config = config("").resolveSibling("start.yaml");
    Files.writeString(
        config,
        Files.readString(dir.resolve("agent.yaml"))
            .replace("mqtt:\n", "mqtt:\n  password-file: " + missing + "\n"));
    assertThat(run("--config", config.toString())).isEqualTo(2);
    assertThat(err.toString().strip().lines())
        .singleElement()
        .asString()
        .contains("mqtt.password-file: cannot read " + missing)
        .doesNotContain("Exception");
  }

  @Test
  void keysInTheOldSpellingStillLoadWithOneWarningNamingTheNewOnes() throws Exception {
    Path old =
        Files.writeString(
            dir.resolve("old.yaml"),
            "site: home\ndeviceId: pi-1\nmqtt:\n  uri: tcp://127.0.0.1:1883\n"
                + "sensors:\n  readTimeout: PT5S\n");
    assertThat(run("--config", old.toString(), "--check-config")).isZero();
    assertThat(out.toString().lines().filter(line -> line.contains("warning")))
        .singleElement()
        .asString()
        .contains("deviceId -> device-id")
        .contains("sensors.readTimeout -> sensors.read-timeout");
    assertThat(out.toString()).contains(": OK");
  }
}
