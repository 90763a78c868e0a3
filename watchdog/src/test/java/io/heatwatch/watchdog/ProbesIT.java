package io.heatwatch.watchdog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.Ports;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Flink and Kafka probes against real servers, up and not. */
@ExtendWith({KafkaExtension.class, FlinkExtension.class})
class ProbesIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void theFlinkProbeSeesTheJobRunningThenCancelledAndAJobThatIsNotThere(FlinkCluster flink)
      throws Exception {
    FlinkProbe probe = new FlinkProbe(new Rest(TIMEOUT), flink.webUrl(), "heatwatch");
    JobClient job = WatchdogIT.heatwatchJob(flink);
    await().atMost(Duration.ofSeconds(30)).until(() -> probe.check().isEmpty());
    assertEquals("RUNNING", probe.state());
    // the JobManager's metric fetcher updates every few seconds: unknown (-1) until then
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> probe.check().isEmpty() && probe.restarts() >= 0);
    assertEquals(0, probe.restarts());

    job.cancel().get();
    await().atMost(Duration.ofSeconds(30)).until(() -> probe.check().isPresent());
    assertEquals(Optional.of("the job is CANCELED"), probe.check());

    FlinkProbe other = new FlinkProbe(new Rest(TIMEOUT), flink.webUrl(), "no-such-job");
    assertTrue(other.check().orElseThrow().contains("no job named no-such-job"));
    FlinkProbe unreachable =
        new FlinkProbe(new Rest(TIMEOUT), "http://127.0.0.1:" + Ports.free(), "heatwatch");
    assertTrue(
        unreachable.check().orElseThrow().startsWith("the Flink JobManager does not answer"));
  }

  @Test
  void theKafkaWatchAnswersWhileKafkaDoesAndSaysSoWithinItsTimeoutWhenNot(KafkaServer kafka) {
    kafka.createTopics(3, KafkaTopics.READINGS);
    try (KafkaWatch up = new KafkaWatch(kafka.bootstrapServers(), "no-such-group", TIMEOUT);
        KafkaWatch down = new KafkaWatch("127.0.0.1:" + Ports.free(), "heatwatch-job", TIMEOUT)) {
      assertEquals(Optional.empty(), up.check());
      assertTrue(up.lag().isEmpty(), "a group without offsets has no lag");
      long start = System.nanoTime();
      assertTrue(down.check().orElseThrow().startsWith("Kafka does not answer"));
      assertTrue(
          Duration.ofNanos(System.nanoTime() - start).compareTo(TIMEOUT.multipliedBy(3)) < 0);
    }
  }
}
