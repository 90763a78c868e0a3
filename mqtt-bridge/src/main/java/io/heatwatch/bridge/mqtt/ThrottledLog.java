package io.heatwatch.bridge.mqtt;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Keeps logs readable under bad input: the first occurrence of a per-record problem is logged, then
 * at most one line a minute with the count since the last line.
 */
final class ThrottledLog {
  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Logger log;
  private final String what;
  private final LongSupplier nanos;
  private long total;
  private long unlogged;
  private long lastLogNanos;

  ThrottledLog(Logger log, String what, LongSupplier nanos) {
    this.log = log;
    this.what = what;
    this.nanos = nanos;
  }

  synchronized void warn(String detail) {
    total++;
    long now = nanos.getAsLong();
    if (total == 1 || now - lastLogNanos >= INTERVAL_NANOS) {
      if (total == 1) {
        log.warn("{}: {}", what, detail);
      } else {
        log.warn("{}: {} more ({} in all), latest: {}", what, unlogged + 1, total, detail);
      }
      unlogged = 0;
      lastLogNanos = now;
    } else {
      unlogged++;
    }
  }
}
