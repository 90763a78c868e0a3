package io.heatwatch.e2e;

/**
 * The seqs one device numbered: {@code first..last}. A new outbox starts above every seq its device
 * may have used before (wall-clock milliseconds × 1000), so numbering starts far from 1.
 *
 * @param first the first seq, read from the outbox's meta {@code first_seq}
 * @param last the last seq, 0 ({@code first - 1}) before the first reading
 */
record Numbered(long first, long last) {
  static Numbered of(java.nio.file.Path outbox) {
    long first = Outboxes.firstSeq(outbox);
    return new Numbered(first, Math.max(Outboxes.lastSeq(outbox), first - 1));
  }

  long count() {
    return last - first + 1;
  }

  boolean contains(long seq) {
    return seq >= first && seq <= last;
  }
}
