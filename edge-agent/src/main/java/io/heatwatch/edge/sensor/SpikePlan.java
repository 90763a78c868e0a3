package io.heatwatch.edge.sensor;

/**
 * Which reads of a simulated sensor carry a spike: every {@code everyReadings}-th read, starting
 * with read number {@code firstReading} (1-based), adds {@code deltaC}.
 *
 * @param firstReading the 1-based read number of the first spike
 * @param everyReadings distance between spikes in reads, 0 for a single spike
 * @param deltaC how far a spike lifts the value
 */
public record SpikePlan(long firstReading, long everyReadings, double deltaC) {
  /** No spikes at all. */
  public static final SpikePlan NONE = new SpikePlan(Long.MAX_VALUE, 0, 0);

  public SpikePlan {
    if (firstReading < 1) {
      throw new IllegalArgumentException("firstReading must be >= 1, got " + firstReading);
    }
    if (everyReadings < 0) {
      throw new IllegalArgumentException("everyReadings must be >= 0, got " + everyReadings);
    }
  }

  /** Whether the read with this 1-based number is a spike. */
  public boolean isSpike(long readNumber) {
    if (readNumber < firstReading) {
      return false;
    }
    if (everyReadings == 0) {
      return readNumber == firstReading;
    }
    return (readNumber - firstReading) % everyReadings == 0;
  }
}
