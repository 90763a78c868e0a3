package io.heatwatch.notifier.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.notifier.config.Target;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationIdsTest {
  @Test
  void theSameIntentRecipientAndChannelGiveTheSameIdAnyOtherADifferentOne() {
    String id = NotificationIds.of("a1/OPENED/1/0", new Target("maria", "mail"));
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(NotificationIds.of("a1/OPENED/1/0", new Target("maria", "mail"))).isEqualTo(id);
    assertThat(
            Set.of(
                id,
                NotificationIds.of("a1/OPENED/1/0", new Target("maria", "sms")),
                NotificationIds.of("a1/OPENED/1/0", new Target("boss", "mail")),
                NotificationIds.of("a1/OPENED/1/0", new Target(null, "mail")),
                NotificationIds.of("a1/ESCALATED/2/0", new Target("maria", "mail"))))
        .hasSize(5);
  }

  @Test
  void theIdIsStableAcrossReleases() {
    // A changed id would make every notification in a live delivery log look new: sent again.
    assertThat(NotificationIds.of("a1/OPENED/1/0", new Target("maria", "mail")))
        .isEqualTo(NotificationIds.of("a1/OPENED/1/0", new Target("maria", "mail")))
        .isEqualTo(GOLDEN);
  }

  private static final String GOLDEN = "b152330a0f929a5836b3b8d9d2b70422";
}
