package io.heatwatch.notifier.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.model.Alarm.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A warning waits for the end of the recipient's quiet hours; a critical does not. */
class QuietHoursTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), BERLIN);

  @Test
  void aWarningAtThreeInTheMorningWaitsUntilSeven() {
    Instant three = Instant.parse("2026-12-05T02:00:00Z"); // 03:00 in Berlin (UTC+1)
    assertThat(night.releaseAt(Severity.WARNING, three))
        .isEqualTo(Instant.parse("2026-12-05T06:00:00Z"));
  }

  @Test
  void aWarningAtElevenInTheEveningWaitsUntilSevenTheNextDay() {
    Instant eleven = Instant.parse("2026-12-05T22:00:00Z");
    assertThat(night.releaseAt(Severity.WARNING, eleven))
        .isEqualTo(Instant.parse("2026-12-06T06:00:00Z"));
  }

  @Test
  void aCriticalPassesAtOnce() {
    Instant three = Instant.parse("2026-12-05T02:00:00Z");
    assertThat(night.releaseAt(Severity.CRITICAL, three)).isEqualTo(three);
  }

  @Test
  void outsideTheQuietHoursNothingWaits() {
    Instant noon = Instant.parse("2026-12-05T11:00:00Z");
    assertThat(night.releaseAt(Severity.WARNING, noon)).isEqualTo(noon);
    Instant seven = Instant.parse("2026-12-05T06:00:00Z");
    assertThat(night.releaseAt(Severity.WARNING, seven)).as("the end is outside").isEqualTo(seven);
  }

  @Test
  void aDaytimeWindowAndItsLength() {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"));
    assertThat(lunch.releaseAt(Severity.WARNING, Instant.parse("2026-12-05T12:30:00Z")))
        .isEqualTo(Instant.parse("2026-12-05T13:00:00Z"));
    assertThat(lunch.length()).isEqualTo(Duration.ofHours(1));
    assertThat(night.length()).isEqualTo(Duration.ofHours(9));
  }

  @Test
  void emptyQuietHoursAreRefused() {
    assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON, BERLIN))
        .hasMessageContaining("empty");
  }
}
