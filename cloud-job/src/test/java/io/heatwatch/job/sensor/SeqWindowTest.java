package io.heatwatch.job.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.sensor.SeqWindow.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeqWindowTest {
  /** The window against a plain set of seen seqs, over random jumps up and arrivals below. */
  @Test
  void agreesWithASetOfSeenSeqs() {
    SplittableRandom random = new SplittableRandom(7);
    TreeSet<Long> seen = new TreeSet<>();
    long top = 1;
    long[] state = SeqWindow.first(top, 0);
    seen.add(top);
    for (int step = 0; step < 20_000; step++) {
      long seq;
      if (random.nextInt(3) == 0) {
        seq = top + (random.nextInt(5) == 0 ? random.nextLong(1, 9000) : random.nextLong(1, 70));
      } else {
        seq = top - random.nextLong(SeqWindow.SIZE + 50);
      }
      Outcome expected =
          top - seq >= SeqWindow.SIZE
              ? Outcome.TOO_OLD
              : seen.contains(seq) ? Outcome.DUPLICATE : Outcome.FIRST;
      assertThat(SeqWindow.accept(state, seq)).as("seq %d below %d", seq, top).isEqualTo(expected);
      if (expected == Outcome.FIRST) {
        seen.add(seq);
        top = Math.max(top, seq);
      }
      assertThat(SeqWindow.highest(state)).isEqualTo(top);
      if (step % 997 == 0) {
        List<Long> fromBits = new ArrayList<>();
        for (long s = top - SeqWindow.SIZE + 1; s <= top; s++) {
          if (SeqWindow.seen(state, s)) {
            fromBits.add(s);
          }
        }
        assertThat(fromBits)
            .containsExactlyElementsOf(seen.subSet(top - SeqWindow.SIZE + 1, true, top, true));
      }
    }
  }

  @Test
  void aJumpOfTheWholeWindowOrMoreForgetsEverythingBelow() {
    long[] state = SeqWindow.first(10, 0);
    SeqWindow.accept(state, 9);
    assertThat(SeqWindow.accept(state, 10 + SeqWindow.SIZE)).isEqualTo(Outcome.FIRST);
    assertThat(SeqWindow.seen(state, 10)).isFalse();
    assertThat(SeqWindow.accept(state, 11)).isEqualTo(Outcome.FIRST);
    assertThat(SeqWindow.accept(state, 11)).isEqualTo(Outcome.DUPLICATE);
    assertThat(SeqWindow.accept(state, 10)).isEqualTo(Outcome.TOO_OLD);
  }
}
