package io.heatwatch.edge.outbox;

import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import java.time.Instant;
import java.util.List;

/**
 * The agent's store-and-forward queue: a reading is numbered and stored durably before anything
 * publishes it, and leaves only when the broker acknowledged it.
 */
public interface Outbox extends AutoCloseable {
  /**
   * Numbers the drafts with the next sequence numbers and stores them durably, in one atomic step;
   * returns the stored readings. When the outbox is full, the oldest readings are dropped first and
   * counted in {@link #dropped()}.
   */
  List<Reading> append(List<Draft> drafts);

  /**
   * Up to {@code max} stored readings with {@code seq > afterSeq}, oldest first, as they are
   * stored: encoded once at {@link #append}, sent as they are.
   */
  List<Entry> peek(long afterSeq, int max);

  /** Removes readings the broker acknowledged. Unknown numbers are ignored. */
  void acknowledge(List<Long> seqs);

  /** Readings stored and not yet acknowledged. */
  long depth();

  /** Readings dropped by the size/age bound since the outbox was created. */
  long dropped();

  /** The last sequence number handed out, 0 if none. */
  long lastSeq();

  @Override
  void close();

  /**
   * A reading before it has its sequence number.
   *
   * @param sensorId the sensor
   * @param ts when it was read
   * @param tempC the value, {@code null} when there is none
   * @param quality the quality
   * @param clockUnsynced whether the clock was known not to be synchronised when it was read
   */
  record Draft(String sensorId, Instant ts, Double tempC, Quality quality, boolean clockUnsynced) {
    /** A draft read on a synchronised clock. */
    public Draft(String sensorId, Instant ts, Double tempC, Quality quality) {
      this(sensorId, ts, tempC, quality, false);
    }
  }

  /**
   * A stored reading: its sequence number and its wire encoding ({@code TelemetryCodec.encode} of
   * the reading), which a message carries as it is, alone or joined into a JSON array.
   *
   * @param seq the reading's sequence number
   * @param payload the reading's JSON, as stored
   */
  record Entry(long seq, byte[] payload) {}
}
