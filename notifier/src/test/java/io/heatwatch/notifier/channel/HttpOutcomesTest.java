package io.heatwatch.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpOutcomesTest {
  private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertThat(HttpOutcomes.retryAfter("120", clock)).isEqualTo(Duration.ofMinutes(2));
    assertThat(HttpOutcomes.retryAfter("Wed, 01 May 2024 10:00:30 GMT", clock))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpOutcomes.retryAfter("Wed, 01 May 2024 09:00:00 GMT", clock))
        .isEqualTo(Duration.ZERO);
    assertThat(HttpOutcomes.retryAfter("soon", clock)).isNull();
    assertThat(HttpOutcomes.retryAfter("-5", clock)).isNull();
  }

  @Test
  void aRedirectIsFailedAndALongBodyIsCut() {
    assertThat(HttpOutcomes.of(301, Optional.empty(), "", clock))
        .isEqualTo(new Outcome.Failed("HTTP 301"));
    Outcome o = HttpOutcomes.of(502, Optional.empty(), "x".repeat(5000), clock);
    assertThat(((Outcome.Retry) o).reason()).hasSize("HTTP 502: ".length() + 200);
    assertThat(HttpOutcomes.of(429, Optional.of("soon"), null, clock))
        .isEqualTo(new Outcome.Retry("HTTP 429", null));
  }
}
