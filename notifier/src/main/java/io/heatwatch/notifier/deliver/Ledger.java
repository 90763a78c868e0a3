package io.heatwatch.notifier.deliver;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the delivery log says, in memory: the ids that are done (SENT or FAILED, never sent again)
 * and the ids in flight (claimed or retrying, held by a sender). The done ids are bounded: beyond
 * {@code maxDone} the oldest are forgotten, and then a replay of intents older than that could send
 * them again; the README says how to size the log's retention against it.
 */
final class Ledger {
  private final int maxDone;
  private final Set<String> done = new LinkedHashSet<>();
  private final Set<String> inFlight = new HashSet<>();
  private long forgotten;

  Ledger(int maxDone) {
    this.maxDone = maxDone;
  }

  /** Marks the id in flight if nothing is known of it; false if it is done or in flight. */
  synchronized boolean claim(String id) {
    return !done.contains(id) && inFlight.add(id);
  }

  synchronized void release(String id) {
    inFlight.remove(id);
  }

  synchronized void done(String id) {
    inFlight.remove(id);
    if (done.add(id) && done.size() > maxDone) {
      Iterator<String> oldest = done.iterator();
      oldest.next();
      oldest.remove();
      forgotten++;
    }
  }

  synchronized boolean isDone(String id) {
    return done.contains(id);
  }

  synchronized int doneCount() {
    return done.size();
  }

  /** How many done ids were forgotten to stay within the bound. */
  synchronized long forgotten() {
    return forgotten;
  }
}
