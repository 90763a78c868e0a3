package io.heatwatch.notifier.channel;

/** A way to reach people; one instance per configured channel, thread-safe. */
public interface Channel extends AutoCloseable {
  /** The channel's configured id, e.g. {@code ops-mail}. */
  String id();

  /**
   * Delivers one message. Never throws for a delivery problem (a refused connection, a timeout, a
   * rejected recipient): it returns the {@link Outcome}, so the engine decides what happens next.
   */
  Outcome send(Message message);

  @Override
  default void close() {}
}
