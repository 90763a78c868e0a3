package io.heatwatch.notifier.route;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups notifications per key (a recipient on a channel, for one site) so one outage is one
 * message, not hundreds: the first item of a quiet key goes at once; what follows within {@code
 * interval} of the last message is held and goes as one grouped message when the interval has
 * passed, at most {@code shown} items in it and the rest counted as "+N more". An item may also be
 * held until a time of its own (the end of quiet hours): held items go together, as a digest.
 * Memory is bounded by keys × {@code shown}.
 *
 * @param <T> what is grouped
 */
public final class Batcher<T> {
  private final Duration interval;
  private final int shown;
  private final Map<String, Key<T>> keys = new HashMap<>();

  /**
   * @param interval at most one message per key in this time
   * @param shown the most items one message lists; the others are counted
   */
  public Batcher(Duration interval, int shown) {
    if (interval.isNegative() || shown < 1) {
      throw new IllegalArgumentException(
          "interval must be >= 0 and shown >= 1, got " + interval + " and " + shown);
    }
    this.interval = interval;
    this.shown = shown;
  }

  /** A message to send: its key, the items it lists and how many more it stands for. */
  public record Batch<T>(String key, List<T> items, int more) {}

  /**
   * Offers {@code item} under {@code key} at {@code now}, to go no earlier than {@code notBefore};
   * returns the message to send now, or empty when the item is held.
   */
  public synchronized Optional<Batch<T>> offer(String key, T item, Instant now, Instant notBefore) {
    Key<T> k = keys.computeIfAbsent(key, x -> new Key<>());
    boolean rested = k.lastSent == null || !now.isBefore(k.lastSent.plus(interval));
    if (!notBefore.isAfter(now) && rested) {
      k.lastSent = now;
      return Optional.of(new Batch<>(key, List.of(item), 0));
    }
    if (k.held.size() < shown) {
      k.held.add(item);
    } else {
      k.more++;
    }
    Instant earliest = k.lastSent == null ? notBefore : later(notBefore, k.lastSent.plus(interval));
    k.due = k.due == null ? earliest : later(k.due, earliest);
    return Optional.empty();
  }

  /** The held messages whose time has come at {@code now}. */
  public synchronized List<Batch<T>> due(Instant now) {
    List<Batch<T>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, Key<T>>> it = keys.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Key<T>> e = it.next();
      Key<T> k = e.getValue();
      if (k.due != null && !k.due.isAfter(now)) {
        out.add(new Batch<>(e.getKey(), List.copyOf(k.held), k.more));
        k.held.clear();
        k.more = 0;
        k.due = null;
        k.lastSent = now;
      } else if (k.due == null && k.lastSent != null && !now.isBefore(k.lastSent.plus(interval))) {
        it.remove();
      }
    }
    return out;
  }

  /** When the next held message is due, empty when nothing is held. */
  public synchronized Optional<Instant> nextDue() {
    return keys.values().stream().map(k -> k.due).filter(d -> d != null).min(Instant::compareTo);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static final class Key<T> {
    private Instant lastSent;
    private final List<T> held = new ArrayList<>();
    private int more;
    private Instant due;
  }
}
