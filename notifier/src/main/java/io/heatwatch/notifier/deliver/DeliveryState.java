package io.heatwatch.notifier.deliver;

/** Where a notification is in claim, send, record; stored by name in the delivery log. */
public enum DeliveryState {
  /** To be sent: written before the intent's offset is committed. */
  CLAIMED,
  /** The channel's server accepted it; never sent again. */
  SENT,
  /** An attempt failed in a way that may pass; the next attempt is at {@code nextAt}. */
  RETRYING,
  /** The channel refused it for good (an unknown address, a rejected request). */
  FAILED,
  /**
   * Not sent on purpose, the detail says why: a maintenance window, the site's SITE_UNREACHABLE
   * alarm, an alarm flapping.
   */
  SUPPRESSED;

  /** Whether nothing more will be done for it. */
  boolean done() {
    return this != CLAIMED && this != RETRYING;
  }
}
