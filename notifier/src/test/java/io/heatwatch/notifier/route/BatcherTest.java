package io.heatwatch.notifier.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.notifier.route.Batcher.Batch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One outage is one message per recipient and site; quiet hours end in one digest. */
class BatcherTest {
  private static final Instant T = Instant.parse("2026-12-05T03:00:00Z");
  private final Batcher<String> batcher = new Batcher<>(Duration.ofMinutes(1), 5);

  @Test
  void theFirstGoesAtOnceAndTheRestOfTheMinuteGoesAsOneMessageWithACount() {
    assertThat(batcher.offer("maria/mail/cold-store-b", "pi-000", T, T))
        .contains(new Batch<>("maria/mail/cold-store-b", List.of("pi-000"), 0));
    for (int i = 1; i < 200; i++) {
      Instant at = T.plusMillis(i * 100L);
      assertThat(batcher.offer("maria/mail/cold-store-b", "pi-" + i, at, at)).isEmpty();
    }
    assertThat(batcher.due(T.plusSeconds(59))).isEmpty();
    assertThat(batcher.nextDue()).contains(T.plusSeconds(60));

    List<Batch<String>> due = batcher.due(T.plusSeconds(60));

    assertThat(due).hasSize(1);
    assertThat(due.get(0).items()).containsExactly("pi-1", "pi-2", "pi-3", "pi-4", "pi-5");
    assertThat(due.get(0).more()).isEqualTo(194);
    assertThat(batcher.nextDue()).isEmpty();
  }

  @Test
  void keysAreIndependent() {
    assertThat(batcher.offer("maria/mail/a", "x", T, T)).isPresent();
    assertThat(batcher.offer("john/mail/a", "x", T, T)).isPresent();
    assertThat(batcher.offer("maria/mail/b", "y", T, T)).isPresent();
  }

  @Test
  void aKeyThatRestedAnIntervalSendsAtOnceAgain() {
    batcher.offer("k", "a", T, T);
    assertThat(batcher.offer("k", "b", T.plusSeconds(61), T.plusSeconds(61))).isPresent();
  }

  @Test
  void itemsHeldUntilTheirOwnTimeGoTogetherAsADigest() {
    Instant seven = T.plus(Duration.ofHours(4));
    assertThat(batcher.offer("k", "w1", T, seven)).isEmpty();
    assertThat(batcher.offer("k", "w2", T.plusSeconds(600), seven)).isEmpty();
    assertThat(batcher.offer("k", "critical", T.plusSeconds(700), T.plusSeconds(700)))
        .as("a critical is not held by the quiet hours")
        .contains(new Batch<>("k", List.of("critical"), 0));
    assertThat(batcher.due(seven.minusSeconds(1))).isEmpty();

    assertThat(batcher.due(seven)).containsExactly(new Batch<>("k", List.of("w1", "w2"), 0));
  }

  @Test
  void heldMemoryIsBoundedByWhatIsShown() {
    batcher.offer("k", "first", T, T);
    for (int i = 0; i < 100_000; i++) {
      batcher.offer("k", "n" + i, T, T);
    }
    List<Batch<String>> due = new ArrayList<>(batcher.due(T.plusSeconds(60)));
    assertThat(due.get(0).items()).hasSize(5);
    assertThat(due.get(0).more()).isEqualTo(99_995);
  }
}
