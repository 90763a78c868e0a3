package io.heatwatch.notifier.deliver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Keeps logs readable when a problem repeats every message or every tick: the first occurrence is
 * logged (with its stack trace, if any), then at most one line a minute with the count since the
 * last line. (The bridge and the watchdog have the same class; modules share no main code but the
 * contract.)
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

  void warn(String detail, Throwable cause) {
    log(false, detail, cause);
  }

  void error(String detail, Throwable cause) {
    log(true, detail, cause);
  }

  private synchronized void log(boolean error, String detail, Throwable cause) {
    total++;
    Instant now = clock.instant();
    // A clock set back would otherwise silence the log until it caught up again.
    if (total > 1 && now.isBefore(lastLogged.plus(INTERVAL)) && !now.isBefore(lastLogged)) {
      unlogged++;
      return;
    }
    String pattern = total == 1 ? "{}: {}" : "{}: {} more ({} in all), latest: {}";
    Object[] args =
        total == 1
            ? new Object[] {what, detail, cause}
            : new Object[] {what, unlogged + 1, total, detail};
    if (error) {
      log.error(pattern, args);
    } else {
      log.warn(pattern, args);
    }
    unlogged = 0;
    lastLogged = now;
  }
}
