package io.heatwatch.edge.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {
  private final CapturedLog log = new CapturedLog();
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final ThrottledLog throttled = new ThrottledLog(log, "sensor s1: not OK", nanos::get);

  private void after(Duration elapsed) {
    nanos.addAndGet(elapsed.toNanos());
  }

  @Test
  void theFirstOccurrenceThenOneLineAMinuteWithTheCount() {
    throttled.add(1, "DISCONNECTED (gone)");
    for (int tick = 1; tick < 6; tick++) {
      after(Duration.ofSeconds(10));
      throttled.add(1, "DISCONNECTED (tick " + tick + ")");
    }
    assertThat(log.lines).containsExactly("WARN sensor s1: not OK: DISCONNECTED (gone)");
    after(Duration.ofSeconds(10));
    throttled.add(1, "DISCONNECTED (tick 6)");
    assertThat(log.lines)
        .containsExactly(
            "WARN sensor s1: not OK: DISCONNECTED (gone)",
            "WARN sensor s1: not OK: 6 more in the last minute (7 in all), latest: DISCONNECTED"
                + " (tick 6)");
    after(Duration.ofSeconds(59));
    throttled.add(3, "CRC_ERROR");
    assertThat(log.lines).hasSize(2);
    assertThat(throttled.total()).isEqualTo(10);
  }
}
