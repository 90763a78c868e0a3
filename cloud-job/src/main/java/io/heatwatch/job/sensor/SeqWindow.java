package io.heatwatch.job.sensor;

/**
 * A sensor's dedupe state in one {@code long[]}: element 0 is the highest seq seen, the {@link
 * #WORDS} words after it are a bitmap of which of the {@link #SIZE} seqs up to the highest have
 * been seen (bit {@code d} stands for seq {@code highest - d}), and the last element is the
 * processing time the sensor last sent a new reading at ({@link #lastSeen}). Fixed size, so dedupe
 * state is the same small amount per sensor however many readings it sends, and changed in place,
 * so a reading costs one state read and at most one write and no allocation.
 */
final class SeqWindow {
  /**
   * Seqs remembered up to the highest; a device's duplicates come from replays of its recent past.
   */
  static final int SIZE = 4096;

  static final int WORDS = SIZE / Long.SIZE;

  /** What {@link #accept} found. */
  enum Outcome {
    /** Not seen before: now marked. */
    FIRST,
    /** Seen before. */
    DUPLICATE,
    /** Further below the highest seq than the window reaches: cannot be judged, not marked. */
    TOO_OLD
  }

  private SeqWindow() {}

  /** The state of a sensor whose only seen seq is {@code seq}. */
  static long[] first(long seq, long now) {
    long[] state = new long[2 + WORDS];
    state[0] = seq;
    state[1] = 1L;
    state[1 + WORDS] = now;
    return state;
  }

  /** Processing time (ms) of the sensor's latest new reading. */
  static long lastSeen(long[] state) {
    return state[1 + WORDS];
  }

  /** Records that the sensor sent a new reading at {@code now}. */
  static void touch(long[] state, long now) {
    state[1 + WORDS] = now;
  }

  static long highest(long[] state) {
    return state[0];
  }

  /** Whether {@code seq} is marked; {@code false} outside the window. */
  static boolean seen(long[] state, long seq) {
    long d = state[0] - seq;
    return d >= 0 && d < SIZE && (state[1 + (int) (d >>> 6)] & (1L << (d & 63))) != 0;
  }

  /** Judges {@code seq} and marks it if it is new; moves the window up for a new highest seq. */
  static Outcome accept(long[] state, long seq) {
    long top = state[0];
    if (seq > top) {
      shift(state, seq - top);
      state[0] = seq;
      state[1] |= 1L;
      return Outcome.FIRST;
    }
    long d = top - seq;
    if (d >= SIZE) {
      return Outcome.TOO_OLD;
    }
    int word = 1 + (int) (d >>> 6);
    long bit = 1L << (d & 63);
    if ((state[word] & bit) != 0) {
      return Outcome.DUPLICATE;
    }
    state[word] |= bit;
    return Outcome.FIRST;
  }

  /** Moves every mark {@code by} offsets further down, forgetting those past the end. */
  private static void shift(long[] state, long by) {
    if (by >= SIZE) {
      java.util.Arrays.fill(state, 1, 1 + WORDS, 0L);
      return;
    }
    int wordShift = (int) (by >>> 6);
    int bitShift = (int) (by & 63);
    for (int i = WORDS - 1; i >= 0; i--) {
      int from = i - wordShift;
      long value = 0L;
      if (from >= 0) {
        value = state[1 + from] << bitShift;
        if (bitShift != 0 && from >= 1) {
          value |= state[from] >>> (64 - bitShift);
        }
      }
      state[1 + i] = value;
    }
  }
}
