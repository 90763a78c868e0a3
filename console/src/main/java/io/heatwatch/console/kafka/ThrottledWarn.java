package io.heatwatch.console.kafka;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A problem that can recur on every record: the first occurrence is logged, then at most one line a
 * minute saying how many there were since, so a topic full of bad records cannot flood the log.
 */
final class ThrottledWarn {
  private static final long INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

  private final Consumer<String> sink;
  private final LongSupplier nanoClock;
  private long lastLine;
  private long sinceLastLine;
  private boolean logged;

  /** {@code nanoClock} is monotonic ({@code System::nanoTime}; a fake one in tests). */
  ThrottledWarn(Consumer<String> sink, LongSupplier nanoClock) {
    this.sink = sink;
    this.nanoClock = nanoClock;
  }

  synchronized void problem(String message) {
    long now = nanoClock.getAsLong();
    if (!logged) {
      logged = true;
      lastLine = now;
      sink.accept(message);
      return;
    }
    sinceLastLine++;
    if (now - lastLine >= INTERVAL_NANOS) {
      sink.accept(message + " (" + sinceLastLine + " more since the last line)");
      sinceLastLine = 0;
      lastLine = now;
    }
  }
}
