package io.heatwatch.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.testkit.MqttBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a real process, killed with SIGKILL again and again while it reads and publishes:
 * every reading it numbered reaches the broker, no number is skipped or reused.
 */
class AgentCrashIT {
  private static final int KILLS = 6;

  @TempDir Path dir;

  private final List<Process> agents = new ArrayList<>();

  /** A failed test must not leave an agent running: it would take pi-crash's session later. */
  @AfterEach
  void killAgents() throws InterruptedException {
    for (Process agent : agents) {
      agent.destroyForcibly().waitFor();
    }
  }

  @Test
  void sigkillMidStreamLosesNothingAndSeqStaysContinuous() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    // A broker of its own: on the one HiveMQ CE the other ITs of this JVM share, another test's
    // Last Will (flaky/pi-01 OFFLINE) once reached this collector on pi-crash's readings topic,
    // and the collector then missed a reading.
    try (MqttBroker broker = MqttBroker.start(dir.resolve("broker"), 0);
        ReadingCollector collector =
            new ReadingCollector(broker.uri(), "heatwatch/v1/crash/pi-crash/readings")) {
      Path config = writeConfig(broker, "100 ms");
      for (int kill = 0; kill < KILLS; kill++) {
        Process agent = start(config);
        int before = collector.arrivals().size();
        int goal = before + 50 + random.nextInt(200);
        // A JVM start on a loaded 2-core machine can take much of this.
        await().atMost(Duration.ofSeconds(90)).until(() -> collector.arrivals().size() >= goal);
        agent.destroyForcibly().waitFor();
      }
      // One last run that reads once and then only drains the outbox.
      Process drain = start(writeConfig(broker, "1 h"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  waitingInOutbox() == 0
                      && collector.firstArrivals().size()
                          == lastSeq()
                              - OutboxFiles.firstSeq(dir.resolve("data").resolve("outbox.db"))
                              + 1);
      drain.destroy();
      drain.waitFor();

      long last = lastSeq();
      long first = OutboxFiles.firstSeq(dir.resolve("data").resolve("outbox.db"));
      List<Long> expected = LongStream.rangeClosed(first, last).boxed().toList();
      assertThat(collector.firstArrivals()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(collector.problems()).as("messages that were not readings").isEmpty();
      System.out.printf(
          "agent killed %d times: %d readings numbered, %d delivered, 0 missing, %d duplicate"
              + " deliveries (removed downstream by (deviceId, seq))%n",
          KILLS, expected.size(), collector.firstArrivals().size(), collector.duplicates());
    }
  }

  private Process start(Path config) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dlog4j2.configurationFile=log4j2-heatwatch.xml");
    command.add(Main.class.getName());
    command.add("--config");
    command.add(config.toString());
    Process agent =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile())
            .start();
    agents.add(agent);
    return agent;
  }

  private Path writeConfig(MqttBroker broker, String period) throws Exception {
    String yaml =
        """
        site: crash
        device-id: pi-crash
        data-dir: %s
        period: %s
        mqtt:
          uri: %s
        simulate: {sensors: 8, seed: 1, spike-every: 0}
        """
            .formatted(dir.resolve("data"), period, broker.uri());
    return Files.writeString(dir.resolve("agent-" + period + ".yaml"), yaml);
  }

  private long lastSeq() throws SQLException {
    return query("SELECT value FROM meta WHERE key = 'last_seq'");
  }

  private long waitingInOutbox() throws SQLException {
    return query("SELECT count(*) FROM readings");
  }

  private long query(String sql) throws SQLException {
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve("outbox.db"));
        Statement s = db.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }
}
