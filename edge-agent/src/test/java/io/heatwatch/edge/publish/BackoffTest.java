package io.heatwatch.edge.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void growsWithJitterUpToTheCapAndResets() {
    Backoff backoff =
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(1));
    long previousCeiling = 1_000;
    for (int attempt = 0; attempt < 12; attempt++) {
      long ceiling = Math.min(30_000, 1_000L << attempt);
      Duration wait = backoff.next();
      assertThat(wait.toMillis()).isBetween(1_000L, ceiling);
      previousCeiling = ceiling;
    }
    assertThat(previousCeiling).isEqualTo(30_000);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void devicesThatLostTheBrokerTogetherDoNotRetryTogether() {
    Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), new SplittableRandom(1));
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), new SplittableRandom(2));
    for (int i = 0; i < 5; i++) {
      a.next();
      b.next();
    }
    assertThat(a.next()).isNotEqualTo(b.next());
  }
}
