package io.heatwatch.notifier.deliver;

/** Told of each notification's final outcome, e.g. by the local stack to print deliveries. */
public interface DeliveryListener {
  /** Nobody listening. */
  DeliveryListener NONE = e -> {};

  /** The entry as recorded in the delivery log, SENT or FAILED; called on the sender's thread. */
  void recorded(LogEntry entry);
}
