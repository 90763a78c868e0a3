package io.heatwatch.watchdog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heatwatch.testkit.ConnectExtension;
import io.heatwatch.testkit.ConnectWorker;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({KafkaExtension.class, ConnectExtension.class})
class ConnectSupervisorIT {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));

  @Test
  void aFailedTaskIsRestartedWithBackOffAndEachRestartCounted(ConnectWorker connect) {
    String name = "failing-" + System.nanoTime();
    FailingSourceConnector.FAILURES.set(2);
    connect.putConnector(
        name, Map.of("connector.class", FailingSourceConnector.class.getName(), "tasks.max", "1"));
    ConnectSupervisor supervisor =
        new ConnectSupervisor(
            new Rest(Duration.ofSeconds(3)),
            connect.restUrl(),
            name,
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            clock);

    // first failure: restarted at once
    await().atMost(Duration.ofSeconds(30)).until(() -> restartsAfterCheck(supervisor) == 1);
    assertEquals(1, supervisor.restarts());
    // second failure: not restarted again before the 5 s back-off has passed
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "FAILED".equals(stateAfterCheck(supervisor)));
    assertEquals(1, supervisor.restarts());
    clock.advance(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(30)).until(() -> restartsAfterCheck(supervisor) == 2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> supervisor.check().isEmpty() && "RUNNING".equals(supervisor.state()));
    assertEquals(2, supervisor.restarts());
    assertEquals(0, supervisor.failedTasks());
    connect.deleteConnector(name);
  }

  @Test
  void aMissingConnectorIsReportedNotRestarted(ConnectWorker connect) {
    ConnectSupervisor supervisor =
        new ConnectSupervisor(
            new Rest(Duration.ofSeconds(3)),
            connect.restUrl(),
            "no-such-connector",
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            clock);
    Optional<String> down = supervisor.check();
    assertTrue(down.orElseThrow().contains("does not exist"), down.toString());
    assertEquals("missing", supervisor.state());
    assertEquals(0, supervisor.restarts());
  }

  private static long restartsAfterCheck(ConnectSupervisor supervisor) {
    supervisor.check();
    return supervisor.restarts();
  }

  private static String stateAfterCheck(ConnectSupervisor supervisor) {
    supervisor.check();
    return supervisor.state();
  }
}
