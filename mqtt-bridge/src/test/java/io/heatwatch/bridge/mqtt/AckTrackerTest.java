package io.heatwatch.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckTrackerTest {
  private final AckTracker tracker = new AckTracker();

  @Test
  void acksAreReleasedInArrivalOrderOnly() {
    AckTracker.Pending a = tracker.received(1, 1);
    AckTracker.Pending b = tracker.received(2, 1);
    AckTracker.Pending c = tracker.received(3, 1);

    assertThat(tracker.completed(b)).isEmpty();
    assertThat(tracker.completed(c)).isEmpty();
    assertThat(tracker.completed(a)).extracting(p -> p.messageId).containsExactly(1, 2, 3);
    assertThat(tracker.pending()).isZero();
  }

  @Test
  void acksOfAnEarlierConnectionAreNeverSent() {
    AckTracker.Pending old = tracker.received(5, 1);
    tracker.reconnected();
    AckTracker.Pending fresh = tracker.received(5, 1);

    assertThat(tracker.completed(old)).isEmpty();
    assertThat(tracker.completed(fresh)).containsExactly(fresh);
  }

  @Test
  void anUnfinishedOldMessageDoesNotBlockTheNewConnection() {
    tracker.received(1, 1);
    tracker.reconnected();
    AckTracker.Pending fresh = tracker.received(2, 1);

    assertThat(tracker.completed(fresh)).containsExactly(fresh);
  }
}
