package io.heatwatch.notifier.channel;

import java.time.Duration;

/** What came of one attempt to send a message. */
public sealed interface Outcome {
  /**
   * The receiving server accepted the message.
   *
   * @param detail what it answered, for the delivery log (e.g. "250 OK", "HTTP 200")
   */
  record Delivered(String detail) implements Outcome {}

  /**
   * The message may go through later (a refused connection, a timeout, a busy server).
   *
   * @param reason what went wrong, for the delivery log
   * @param after how long the server asked us to wait (Retry-After), null: the engine decides
   */
  record Retry(String reason, Duration after) implements Outcome {
    /** A retry whose delay the engine decides. */
    public Retry(String reason) {
      this(reason, null);
    }
  }

  /**
   * Sending again will not help (no such user, a rejected request): the engine gives up.
   *
   * @param reason what the server answered
   */
  record Failed(String reason) implements Outcome {}
}
