package io.heatwatch.notifier.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.notifier.config.RetrySettings;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(new RetrySettings(Duration.ofSeconds(1), Duration.ofMinutes(5)), new Random(7));

  @Test
  void theDelayDoublesWithJitterBetweenHalfAndAll() {
    for (int attempt = 1; attempt <= 8; attempt++) {
      long ceiling = 1000L << (attempt - 1);
      for (int i = 0; i < 50; i++) {
        assertThat(backoff.after(attempt, null).toMillis()).isBetween(ceiling / 2, ceiling);
      }
    }
  }

  @Test
  void theDelayIsCappedAtMaxHoweverManyAttempts() {
    for (int attempt : new int[] {10, 31, 1000, Integer.MAX_VALUE}) {
      assertThat(backoff.after(attempt, null))
          .isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
    }
  }

  @Test
  void aServersHintIsHonouredUpToTheCap() {
    assertThat(backoff.after(1, Duration.ofSeconds(42))).isEqualTo(Duration.ofSeconds(42));
    assertThat(backoff.after(1, Duration.ofHours(2))).isEqualTo(RetrySettings.CAP);
  }
}
