package io.heatwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One device as a real agent process ({@code java -jar heatwatch-agent.jar}) with simulated
 * sensors, started and killed from outside like a Pi losing power.
 */
final class AgentProcess {
  /** The shaded agent jar, as edge-agent's build leaves it. */
  static final Path JAR =
      Path.of(
          System.getProperty("heatwatch.agent.jar", "../edge-agent/target/heatwatch-agent.jar"));

  private final Path dir;
  private final Path config;
  private Process process;

  AgentProcess(Path dir, String site, String deviceId, String mqttUri, String period) {
    this(dir, site, deviceId, mqttUri, period, "simulate: {sensors: 4, seed: 1, spike-every: 0}\n");
  }

  /**
   * An agent whose sensors are given by {@code sensorsYaml}: a {@code simulate} block, or a {@code
   * sensors} block for a 1-Wire bus.
   */
  AgentProcess(
      Path dir, String site, String deviceId, String mqttUri, String period, String sensorsYaml) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath()
              + " is missing: build edge-agent first (./mvnw -pl edge-agent package)");
    }
    this.dir = dir;
    String yaml =
        """
        site: %s
        device-id: %s
        data-dir: %s
        period: %s
        mqtt:
          uri: %s
        """
                .formatted(site, deviceId, dir.resolve("data"), period, mqttUri)
            + sensorsYaml;
    try {
      Files.createDirectories(dir);
      this.config =
          Files.writeString(dir.resolve("agent-" + period.replace(':', '_') + ".yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the agent config in " + dir, e);
    }
  }

  void start() {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-jar",
            JAR.toAbsolutePath().toString(),
            "--config",
            config.toString());
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the agent", e);
    }
  }

  /** SIGKILL: no shutdown hook, no clean disconnect, whatever was being written is cut. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM: the agent closes its outbox and publishes OFFLINE. */
  void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /** Cleans up after a failed test: no agent outlives it. */
  void killIfAlive() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  Numbered numbered() {
    return Numbered.of(dir.resolve("data").resolve("outbox.db"));
  }

  long lastSeq() {
    return Outboxes.lastSeq(dir.resolve("data").resolve("outbox.db"));
  }

  long waiting() {
    return Outboxes.waiting(dir.resolve("data").resolve("outbox.db"));
  }
}
