package io.heatwatch.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeqWindowTest {
  /** The bitmap against a plain set of seen seqs, over random advances and marks. */
  @Test
  void agreesWithASetOfSeenSeqs() {
    SplittableRandom random = new SplittableRandom(7);
    TreeSet<Long> seen = new TreeSet<>();
    long top = 1;
    long[] words = SeqWindow.first();
    seen.add(top);
    for (int step = 0; step < 20_000; step++) {
      if (random.nextInt(3) == 0) {
        long shift = random.nextInt(5) == 0 ? random.nextLong(1, 9000) : random.nextLong(1, 70);
        words = SeqWindow.advance(words, shift);
        top += shift;
        seen.add(top);
      } else {
        long d = random.nextLong(SeqWindow.SIZE);
        SeqWindow.mark(words, d);
        seen.add(top - d);
      }
      if (step % 997 == 0) {
        List<Long> fromBits = new ArrayList<>();
        for (long d = SeqWindow.SIZE - 1; d >= 0; d--) {
          if (SeqWindow.seen(words, d)) {
            fromBits.add(top - d);
          }
        }
        assertThat(fromBits)
            .containsExactlyElementsOf(seen.subSet(top - SeqWindow.SIZE + 1, true, top, true));
      }
    }
  }
}
