package io.heatwatch.edge.publish;

/**
 * How the outbox sender fills the link.
 *
 * @param window messages published and not yet acknowledged at most
 * @param batch readings per message at most: what the outbox holds is sent as JSON arrays of up to
 *     this many readings, so a tick of several sensors, or a backlog, costs one message per batch
 */
public record Batching(int window, int batch) {
  /**
   * Messages in flight by default: below the receive maximum brokers grant by default (HiveMQ 10,
   * Mosquitto 20), so status messages always have room.
   */
  public static final int DEFAULT_WINDOW = 8;

  /** Readings per message by default: ~10 KB, far below the contract's 256 KiB. */
  public static final int DEFAULT_BATCH = 50;

  /** Readings per message at most: 500 readings with the longest ids allowed stay below 256 KiB. */
  public static final int MAX_BATCH = 500;

  /** The defaults. */
  public static final Batching DEFAULT = new Batching(DEFAULT_WINDOW, DEFAULT_BATCH);

  public Batching {
    if (window < 1 || window > 1000) {
      throw new IllegalArgumentException("mqtt.window must be within 1..1000, got " + window);
    }
    if (batch < 1 || batch > MAX_BATCH) {
      throw new IllegalArgumentException(
          "mqtt.batch must be within 1.." + MAX_BATCH + ", got " + batch);
    }
  }
}
