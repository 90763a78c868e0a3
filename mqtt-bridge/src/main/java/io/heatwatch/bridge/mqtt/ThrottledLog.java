package io.heatwatch.bridge.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Keeps logs readable under bad input: the first occurrence of a per-record problem is logged, then
 * at most one line a minute with the count since the last line (the task's counters are the
 * metric).
 */
final class ThrottledLog {
  private static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Logger log;
  private final String what;
  private final Clock clock;
  private long total;
  private long unlogged;
  private Instant lastLogged = Instant.MIN;

  ThrottledLog(Logger log, String what, Clock clock) {
    this.log = log;
    this.what = what;
    this.clock = clock;
  }

  synchronized void warn(String detail) {
    total++;
    Instant now = clock.instant();
    // A clock set back would otherwise silence the log until it caught up again.
    if (total == 1 || !now.isBefore(lastLogged.plus(INTERVAL)) || now.isBefore(lastLogged)) {
      if (total == 1) {
        log.warn("{}: {}", what, detail);
      } else {
        log.warn("{}: {} more ({} in all), latest: {}", what, unlogged + 1, total, detail);
      }
      unlogged = 0;
      lastLogged = now;
    } else {
      unlogged++;
    }
  }
}
