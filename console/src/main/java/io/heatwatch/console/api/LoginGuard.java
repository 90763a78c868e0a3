package io.heatwatch.console.api;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What stands before a password check: a token bucket per client address (every attempt) and one
 * per user name (failed attempts only, so guessing from many addresses is bounded too, while the
 * user's own good logins cost nothing), and a bound on how many bcrypt checks run at once (each
 * takes a core for about a quarter of a second; the rest of the console must keep its workers).
 */
public final class LoginGuard {
  /** Most addresses, and most user names, remembered; the least recently seen go first. */
  static final int MAX_TRACKED = 10_000;

  // How long an attempt waits for a free check before it is told to come back.
  private static final long CHECK_WAIT_MS = 1_000;
  private static final int MAX_LOGGED_NAME = 64;

  private final Buckets byAddress;
  private final Buckets byUser;
  private final Semaphore checks;

  public LoginGuard(
      int attemptsPerAddressPerMinute, int failuresPerUserPerMinute, int maxChecks, Clock clock) {
    this.byAddress = new Buckets(attemptsPerAddressPerMinute, clock);
    this.byUser = new Buckets(failuresPerUserPerMinute, clock);
    this.checks = new Semaphore(maxChecks);
  }

  /**
   * Runs {@code check} (a password check; empty means refused) if the limits allow it now.
   *
   * @throws ApiException 429 when the address or the user has no attempt left, 503 when every check
   *     slot stays busy for a second
   */
  public <T> Optional<T> attempt(String address, String user, Supplier<Optional<T>> check) {
    if (byUser.empty(user)) {
      throw limited("too many failed logins for this user");
    }
    if (!byAddress.take(address)) {
      throw limited("too many logins from this address");
    }
    try {
      if (!checks.tryAcquire(CHECK_WAIT_MS, TimeUnit.MILLISECONDS)) {
        throw new ApiException(503, "username", "too many logins at once: try again in a moment");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "username", "interrupted");
    }
    try {
      Optional<T> result = check.get();
      if (result.isEmpty()) {
        byUser.take(user);
      }
      return result;
    } finally {
      checks.release();
    }
  }

  /** Addresses and user names remembered now. */
  int tracked() {
    return byAddress.size() + byUser.size();
  }

  /**
   * {@code text} safe for one log line: control characters (CR, LF, tab, others) and backslashes
   * escaped, at most {@value #MAX_LOGGED_NAME} characters kept.
   */
  public static String printable(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    int end = Math.min(text.length(), MAX_LOGGED_NAME);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (text.length() > end) {
      out.append("…(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }

  private static ApiException limited(String why) {
    return new ApiException(429, "username", why + ": try again in a minute");
  }

  /** Token buckets of {@code perMinute} tokens, refilled evenly, in a bounded LRU map. */
  private static final class Buckets {
    private final double perMinute;
    private final Clock clock;
    private final Map<String, double[]> buckets =
        new LinkedHashMap<>(256, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_TRACKED;
          }
        };

    Buckets(int perMinute, Clock clock) {
      if (perMinute < 1) {
        throw new IllegalArgumentException("a login limit must be at least 1 a minute");
      }
      this.perMinute = perMinute;
      this.clock = clock;
    }

    /** Takes a token; false when there is none. */
    synchronized boolean take(String key) {
      double[] bucket = refilled(key);
      if (bucket[0] < 1) {
        return false;
      }
      bucket[0] -= 1;
      return true;
    }

    synchronized boolean empty(String key) {
      return refilled(key)[0] < 1;
    }

    synchronized int size() {
      return buckets.size();
    }

    // bucket = {tokens, last refill in epoch millis}
    private double[] refilled(String key) {
      long now = clock.millis();
      double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {perMinute, now});
      double elapsedMinutes = Math.max(0, now - (long) bucket[1]) / 60_000.0;
      bucket[0] = Math.min(perMinute, bucket[0] + elapsedMinutes * perMinute);
      bucket[1] = now;
      return bucket;
    }
  }
}
