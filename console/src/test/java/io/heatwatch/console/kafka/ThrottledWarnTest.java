package io.heatwatch.console.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledWarnTest {
  private long nanos;

  @Test
  void theFirstOccurrenceThenOneLineAMinuteWithTheCount() {
    List<String> lines = new ArrayList<>();
    ThrottledWarn warn = new ThrottledWarn(lines::add, () -> nanos);
    // a bad record every 10 s of a fake clock, for 70 s: 8 problems
    for (int i = 0; i < 8; i++) {
      warn.problem("skipping a sensor config at t-0@" + i);
      nanos += Duration.ofSeconds(10).toNanos();
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("skipping a sensor config at t-0@0");
    assertThat(lines.get(1)).startsWith("skipping a sensor config at t-0@6").contains("6 more");
  }
}
