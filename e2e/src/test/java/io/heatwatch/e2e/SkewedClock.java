package io.heatwatch.e2e;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A device's wall clock before and after NTP: it starts at {@code bootTime} and runs at the real
 * rate until {@link #sync()}, from then on it is the real time.
 */
final class SkewedClock extends Clock {
  private final Instant bootTime;
  private final long bootNanos = System.nanoTime();
  private volatile boolean synced;

  SkewedClock(Instant bootTime) {
    this.bootTime = bootTime;
  }

  /** NTP has answered: the clock steps to the real time. */
  void sync() {
    synced = true;
  }

  @Override
  public Instant instant() {
    if (synced) {
      return Instant.now();
    }
    return bootTime.plusNanos(System.nanoTime() - bootNanos);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a device clock is UTC");
  }
}
