package io.heatwatch.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.testkit.ManualClock;
import io.heatwatch.testkit.RecordingLogger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {
  private final RecordingLogger log = new RecordingLogger();
  private final ManualClock clock = new ManualClock(Instant.parse("2031-01-01T00:00:00Z"));
  private final ThrottledLog throttled = new ThrottledLog(log, "message dropped", clock);

  @Test
  void theFirstOccurrenceThenOneLineAMinuteWithTheCount() {
    throttled.warn("first");
    assertThat(log.lines).containsExactly("WARN message dropped: first");

    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofMillis(590));
      throttled.warn("again " + i);
    }
    assertThat(log.lines).as("59 s after the first: no more lines").hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    throttled.warn("latest");
    assertThat(log.lines)
        .hasSize(2)
        .last()
        .isEqualTo("WARN message dropped: 101 more (102 in all), latest: latest");

    clock.advance(Duration.ofSeconds(59));
    throttled.warn("within the minute");
    assertThat(log.lines).hasSize(2);
    clock.advance(Duration.ofSeconds(1));
    throttled.warn("a minute on");
    assertThat(log.lines).hasSize(3).last().asString().contains("2 more (104 in all)");
  }

  @Test
  void aClockSetBackDoesNotSilenceTheLog() {
    throttled.warn("first");
    clock.advance(Duration.ofHours(-1));
    throttled.warn("after the clock went back");
    assertThat(log.lines).hasSize(2);
  }
}
