package io.heatwatch.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.testkit.ManualClock;
import io.heatwatch.testkit.RecordingLogger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {
  private final RecordingLogger log = new RecordingLogger();
  private final ManualClock clock = new ManualClock(Instant.parse("2031-01-01T00:00:00Z"));

  @Test
  void aMessageOnTheCanaryTopicThatIsNoReadingIsLoggedOnceThenOnceAMinute() {
    ThrottledLog throttled = new ThrottledLog(log, "not a reading", clock);
    throttled.warn("first", null);
    for (int i = 0; i < 11; i++) {
      clock.advance(Duration.ofSeconds(5));
      throttled.warn("again", null);
    }
    assertThat(log.lines).containsExactly("WARN not a reading: first");
    clock.advance(Duration.ofSeconds(5));
    throttled.warn("latest", null);
    assertThat(log.lines)
        .containsExactly(
            "WARN not a reading: first", "WARN not a reading: 12 more (13 in all), latest: latest");
  }

  @Test
  void aFailingCheckLogsItsStackTraceOnceThenACountAMinute() {
    ThrottledLog throttled = new ThrottledLog(log, "watchdog check failed", clock);
    RuntimeException failure = new IllegalStateException("boom");
    throttled.error("boom", failure);
    clock.advance(Duration.ofSeconds(30));
    throttled.error("boom", failure);
    clock.advance(Duration.ofSeconds(30));
    throttled.error("boom", failure);
    assertThat(log.lines)
        .containsExactly(
            "ERROR watchdog check failed: boom [IllegalStateException]",
            "ERROR watchdog check failed: 2 more (3 in all), latest: boom");
  }
}
