package io.heatwatch.edge.clock;

import java.time.Duration;

/** Waits, as the hardware needs (a retry's backoff, the sensors' power off); tests do not wait. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;
}
