package io.heatwatch.edge.sensor;

/**
 * One injected episode of a simulated sensor, over reads {@code start .. start + length - 1}
 * (1-based read numbers).
 *
 * @param kind what happens
 * @param start the first affected read
 * @param length how many reads it lasts
 * @param magnitude SPIKE: °C added; RAMP: °C added per read since the start; others: unused
 */
public record Anomaly(Kind kind, long start, long length, double magnitude) {
  public Anomaly {
    if (start < 1 || length < 1) {
      throw new IllegalArgumentException(
          "anomaly start and length must be >= 1, got " + start + ", " + length);
    }
  }

  /** The kinds of episode the simulator injects. */
  public enum Kind {
    /** The value jumps by {@code magnitude} for the episode. */
    SPIKE,
    /** The value climbs by {@code magnitude} per read, then falls back (a door left open). */
    RAMP,
    /** The value is stuck at what it was when the episode began. */
    FLATLINE,
    /** The sensor answers with CRC errors and no value. */
    FAULT
  }

  /** Whether read number {@code n} is inside the episode. */
  public boolean covers(long n) {
    return n >= start && n < start + length;
  }

  /** Whether read number {@code n} is the episode's last. */
  public boolean endsAt(long n) {
    return n == start + length - 1;
  }
}
