package io.heatwatch.job.model;

import io.heatwatch.model.Reading;

/**
 * What the Kafka sources emit: one reading, or one record that could not be read.
 *
 * @param reading the reading, {@code null} when {@code invalid} is set
 * @param invalid the rejected record, {@code null} when {@code reading} is set
 */
public record ParsedRecord(Reading reading, InvalidRecord invalid) {

  /** Event time of a record without a reading; it never moves a watermark. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  public ParsedRecord {
    if ((reading == null) == (invalid == null)) {
      throw new IllegalArgumentException("exactly one of reading and invalid must be set");
    }
  }

  /** A record that holds a reading. */
  public static ParsedRecord of(Reading reading) {
    return new ParsedRecord(reading, null);
  }

  /** A record that could not be read. */
  public static ParsedRecord rejected(InvalidRecord invalid) {
    return new ParsedRecord(null, invalid);
  }

  /** Whether this holds a reading. */
  public boolean isValid() {
    return reading != null;
  }

  /** The reading's event time in epoch ms, or {@link #NO_TIMESTAMP} for an invalid record. */
  public long eventTimeMillis() {
    return reading == null ? NO_TIMESTAMP : reading.ts().toEpochMilli();
  }
}
