package io.heatwatch.job.functions;

/**
 * Which of a device's last {@link #SIZE} sequence numbers below its highest have been seen: bit
 * {@code d} of the words stands for seq {@code highest - d}. Fixed size, so dedupe state is the
 * same small amount per device however many readings it sends.
 */
final class SeqWindow {
  /**
   * Seqs remembered below the highest; a device's duplicates come from replays of its recent past.
   */
  static final int SIZE = 4096;

  static final int WORDS = SIZE / Long.SIZE;

  private SeqWindow() {}

  /** A window whose only seen seq is the highest. */
  static long[] first() {
    long[] words = new long[WORDS];
    words[0] = 1L;
    return words;
  }

  /** Whether offset {@code d} (seq {@code highest - d}) is marked. */
  static boolean seen(long[] words, long d) {
    return (words[(int) (d >>> 6)] & (1L << (d & 63))) != 0;
  }

  /** Marks offset {@code d}. */
  static void mark(long[] words, long d) {
    words[(int) (d >>> 6)] |= 1L << (d & 63);
  }

  /**
   * The window after the highest seq moved up by {@code shift}: every mark moves {@code shift}
   * offsets further, those past the end are forgotten, and the new highest is marked.
   */
  static long[] advance(long[] words, long shift) {
    long[] moved = new long[WORDS];
    if (shift < SIZE) {
      int wordShift = (int) (shift >>> 6);
      int bitShift = (int) (shift & 63);
      for (int i = WORDS - 1; i >= wordShift; i--) {
        long value = words[i - wordShift] << bitShift;
        if (bitShift != 0 && i - wordShift - 1 >= 0) {
          value |= words[i - wordShift - 1] >>> (64 - bitShift);
        }
        moved[i] = value;
      }
    }
    moved[0] |= 1L;
    return moved;
  }
}
