package io.heatwatch.notifier.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerTest {
  @Test
  void anIdIsClaimedOnceAndNeverAgainOnceDone() {
    Ledger ledger = new Ledger(10);
    assertThat(ledger.claim("a")).isTrue();
    assertThat(ledger.claim("a")).as("in flight").isFalse();
    ledger.done("a");
    assertThat(ledger.claim("a")).as("done").isFalse();
  }

  @Test
  void aReleasedClaimCanBeClaimedAgain() {
    Ledger ledger = new Ledger(10);
    ledger.claim("a");
    ledger.release("a");
    assertThat(ledger.claim("a")).isTrue();
  }

  @Test
  void beyondItsBoundTheOldestDoneIdsAreForgottenAndCounted() {
    Ledger ledger = new Ledger(3);
    for (String id : new String[] {"a", "b", "c", "d", "e"}) {
      ledger.done(id);
    }
    assertThat(ledger.doneCount()).isEqualTo(3);
    assertThat(ledger.forgotten()).isEqualTo(2);
    assertThat(ledger.isDone("a")).isFalse();
    assertThat(ledger.isDone("e")).isTrue();
  }
}
