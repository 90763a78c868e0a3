package io.heatwatch.notifier.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A maintenance window silences what it names while it lasts, and always ends. */
class MaintenanceWindowTest {
  private static final Instant T = Instant.parse("2026-12-05T08:00:00Z");

  private static Alarm alarm(String site, String device) {
    return Alarm.builder()
        .alarmId(device + ":t1:HIGH:1")
        .site(site)
        .deviceId(device)
        .sensorId("t1")
        .kind(AlarmKind.HIGH)
        .severity(Severity.WARNING)
        .openedAt(T)
        .updatedAt(T)
        .message("hot")
        .build();
  }

  @Test
  void itCoversItsSitesAndDevicesWhileItLasts() {
    MaintenanceWindow w =
        new MaintenanceWindow(
            "defrost-b", T, T.plus(Duration.ofHours(2)), Set.of("store-b"), Set.of(), "maria", "");
    assertThat(w.covers(alarm("store-b", "pi-1"), T.plusSeconds(60))).isTrue();
    assertThat(w.covers(alarm("store-a", "pi-1"), T.plusSeconds(60))).isFalse();
    assertThat(w.covers(alarm("store-b", "pi-1"), T.minusSeconds(1))).isFalse();
    assertThat(w.covers(alarm("store-b", "pi-1"), T.plus(Duration.ofHours(2)))).isFalse();
  }

  @Test
  void aWindowLongerThanAWeekOrWithoutAnEndIsRefused() {
    assertThatThrownBy(
            () -> new MaintenanceWindow("w", T, T.plus(Duration.ofDays(8)), null, null, "m", ""))
        .hasMessageContaining("always end");
    assertThatThrownBy(() -> new MaintenanceWindow("w", T, null, null, null, "m", ""))
        .hasMessageContaining("must be after");
    assertThatThrownBy(() -> new MaintenanceWindow("w", T, T.plusSeconds(1), null, null, " ", ""))
        .hasMessageContaining("by must name");
  }
}
