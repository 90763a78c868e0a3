package io.heatwatch.edge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist/install.sh} against a fake root (an SD card image as it looks mounted), and the
 * systemd unit through {@code systemd-analyze verify}.
 */
class InstallScriptIT {
  private static final Path SCRIPT = Path.of("dist/install.sh").toAbsolutePath();
  private static final Path UNIT = Path.of("dist/heatwatch-agent.service").toAbsolutePath();

  @TempDir Path dir;
  Path root;
  Path jar;

  @BeforeEach
  void fakeRoot() throws IOException {
    root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(root.resolve("etc"));
    for (String f : List.of("passwd", "group", "shadow", "gshadow", "login.defs")) {
      Path source = Path.of("/etc", f);
      if (Files.exists(source)) {
        Files.copy(source, root.resolve("etc").resolve(f));
      }
    }
    Files.createDirectories(root.resolve("boot/firmware"));
    Files.writeString(root.resolve("boot/firmware/config.txt"), "dtparam=audio=on\n");
    jar = Files.writeString(dir.resolve("heatwatch-agent.jar"), "jar bytes");
  }

  private Result run(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("bash", SCRIPT.toString(), "--root", root.toString(), "--jar", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  record Result(int exit, String output) {}

  @Test
  void installsEverythingWithLeastPrivilegeAndIsIdempotent() throws Exception {
    Result first = run();
    assertThat(first.exit()).as(first.output()).isZero();
    String config = Files.readString(root.resolve("boot/firmware/config.txt"));
    assertThat(config).contains("dtparam=audio=on").contains("dtoverlay=w1-gpio,gpiopin=4");

    List<String> passwd = Files.readAllLines(root.resolve("etc/passwd"));
    assertThat(passwd)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("heatwatch:")
                    .endsWith(":/var/lib/heatwatch:/usr/sbin/nologin"));
    assertThat(Files.readAllLines(root.resolve("etc/group")))
        .anySatisfy(l -> assertThat(l).startsWith("gpio:").contains("heatwatch"));

    assertThat(root.resolve("opt/heatwatch/heatwatch-agent.jar")).hasContent("jar bytes");
    Path agentYaml = root.resolve("etc/heatwatch/agent.yaml");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agentYaml)))
        .isEqualTo("rw-r-----");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("var/lib/heatwatch"))))
        .isEqualTo("rwxr-x---");
    assertThat(root.resolve("etc/systemd/system/heatwatch-agent.service"))
        .hasSameTextualContentAs(UNIT);
    assertThat(
            Files.readSymbolicLink(
                root.resolve("etc/systemd/system/multi-user.target.wants/heatwatch-agent.service")))
        .isEqualTo(Path.of("/etc/systemd/system/heatwatch-agent.service"));

    Files.writeString(agentYaml, "site: edited-by-operator\n");
    Result second = run();
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).contains("already enabled").contains("keeping the existing");
    assertThat(agentYaml).hasContent("site: edited-by-operator");
    assertThat(
            Files.readString(root.resolve("boot/firmware/config.txt"))
                .split("dtoverlay=w1-gpio", -1))
        .hasSize(2);
    assertThat(
            Files.readAllLines(root.resolve("etc/passwd")).stream()
                .filter(l -> l.startsWith("heatwatch:")))
        .hasSize(1);
  }

  @Test
  void uninstallKeepsDataUnlessPurged() throws Exception {
    assertThat(run().exit()).isZero();
    Result removed = run("--uninstall");
    assertThat(removed.exit()).as(removed.output()).isZero();
    assertThat(root.resolve("etc/systemd/system/heatwatch-agent.service")).doesNotExist();
    assertThat(root.resolve("opt/heatwatch")).doesNotExist();
    assertThat(root.resolve("etc/heatwatch/agent.yaml")).exists();
    assertThat(root.resolve("var/lib/heatwatch")).exists();

    Result purged = run("--uninstall", "--purge");
    assertThat(purged.exit()).as(purged.output()).isZero();
    assertThat(root.resolve("etc/heatwatch")).doesNotExist();
    assertThat(Files.readAllLines(root.resolve("etc/passwd")))
        .noneMatch(l -> l.startsWith("heatwatch:"));
  }

  @Test
  void badArgumentsAreRefusedClearly() throws Exception {
    Result badPin = run("--w1-pin", "four");
    assertThat(badPin.exit()).isEqualTo(2);
    assertThat(badPin.output()).contains("--w1-pin must be a GPIO number");
    Result unknown = run("--frobnicate");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.output()).contains("unknown option --frobnicate");
    Files.delete(jar);
    Result noJar = run();
    assertThat(noJar.exit()).isEqualTo(2);
    assertThat(noJar.output()).contains("agent jar").contains("not found");
  }

  @Test
  void systemdAcceptsTheUnitAndItIsHardened() throws Exception {
    Process verify =
        new ProcessBuilder("systemd-analyze", "verify", UNIT.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor()).as(out).isZero();
    assertThat(out).as("systemd-analyze verify reports nothing").isBlank();
    String unit = Files.readString(UNIT);
    assertThat(unit)
        .contains("User=heatwatch")
        .contains("NoNewPrivileges=yes")
        .contains("ProtectSystem=strict")
        .contains("Restart=always")
        .contains("CapabilityBoundingSet=\n")
        .contains("--check-config")
        .doesNotContain("User=root");
  }
}
