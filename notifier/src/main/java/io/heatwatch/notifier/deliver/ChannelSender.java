package io.heatwatch.notifier.deliver;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.heatwatch.notifier.channel.Channel;
import io.heatwatch.notifier.channel.Message;
import io.heatwatch.notifier.channel.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one channel's notifications on its own thread, so a dead SMTP server does not hold back the
 * webhooks: the earliest due first; each outcome is recorded in the delivery log before the next
 * send. A notification whose SENT could not be recorded is not sent again: the record is retried
 * until Kafka takes it.
 */
final class ChannelSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSender.class);
  private static final int MAX_REFUSED = 100;

  /** The most notifications one grouped message carries; the rest go in the next. */
  static final int MAX_BATCH = 100;

  /** A notification due {@code at}, waiting for this channel since {@code since}. */
  private record Due(LogEntry entry, Instant at, Instant since) {}

  private final String channelId;
  private final Channel channel;
  private final Function<List<LogEntry>, Message> messages;
  private final Router router;
  private final DeliveryLog log;
  private final Ledger ledger;
  private final Backoff backoff;
  private final Clock clock;
  private final DeliveryListener listener;
  private final RetryPolicy<Object> recordRetry;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Due> queue =
      new PriorityQueue<>(Comparator.comparing(Due::at).thenComparing(d -> d.entry().id()));
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Instant lastSuccess;
  private volatile Instant refusingSince;
  // What the channel refused for good since it last delivered, the newest MAX_REFUSED.
  private final Deque<LogEntry> refused = new ArrayDeque<>();
  private List<Due> sending = List.of();

  ChannelSender(
      String channelId,
      Channel channel,
      Function<List<LogEntry>, Message> messages,
      Router router,
      DeliveryLog log,
      Ledger ledger,
      Backoff backoff,
      Clock clock,
      DeliveryListener listener) {
    this.channelId = channelId;
    this.channel = channel;
    this.messages = messages;
    this.router = router;
    this.log = log;
    this.ledger = ledger;
    this.backoff = backoff;
    this.clock = clock;
    this.listener = listener;
    this.recordRetry =
        RetryPolicy.builder()
            .handle(DeliveryLog.LogWriteException.class)
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(10))
            .withMaxRetries(-1)
            .abortIf((r, e) -> !running)
            .onRetry(
                e ->
                    LOG.warn(
                        "channel {}: cannot record an outcome yet (attempt {}): {}",
                        channelId,
                        e.getAttemptCount(),
                        e.getLastException().getMessage()))
            .build();
    this.thread = new Thread(this::run, "notifier-send-" + channelId);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues a claimed or retrying notification; it is sent when due. */
  void enqueue(LogEntry entry) {
    Instant now = clock.instant();
    Instant at = entry.nextAt() != null && entry.nextAt().isAfter(now) ? entry.nextAt() : now;
    // A claim held back (quiet hours, a group window) waits for the channel from when it is due.
    enqueue(new Due(entry, at, entry.attempts() == 0 ? at : now));
  }

  private void enqueue(Due due) {
    lock.lock();
    try {
      queue.add(due);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How many notifications wait for this channel, including the one being sent. */
  int pending() {
    lock.lock();
    try {
      return queue.size() + sending.size();
    } finally {
      lock.unlock();
    }
  }

  /** The notifications waiting for this channel, a copy. */
  List<LogEntry> waiting() {
    lock.lock();
    try {
      List<LogEntry> all = new ArrayList<>();
      sending.forEach(d -> all.add(d.entry()));
      queue.forEach(d -> all.add(d.entry()));
      return all;
    } finally {
      lock.unlock();
    }
  }

  String channelId() {
    return channelId;
  }

  /**
   * Since when the channel has refused for good whatever it was given, with no delivery since; null
   * after a delivery. A revoked webhook URL answers 404 to everything: nothing waits, all fails.
   */
  Instant refusingSince() {
    return refusingSince;
  }

  /** What the channel refused for good since it last delivered (the newest 100), a copy. */
  List<LogEntry> refused() {
    lock.lock();
    try {
      return new ArrayList<>(refused);
    } finally {
      lock.unlock();
    }
  }

  /** When the channel last delivered, or null. */
  Instant lastSuccess() {
    return lastSuccess;
  }

  /**
   * Since when messages that are due have waited for this channel with no delivery; null while none
   * is due. Reset by each delivery. One held back until later does not count until it is due.
   */
  Instant waitingSince() {
    lock.lock();
    try {
      Instant now = clock.instant();
      Instant earliest = null;
      for (Due d : sending) {
        earliest = earlier(earliest, d.since());
      }
      for (Due d : queue) {
        if (!d.since().isAfter(now)) {
          earliest = earlier(earliest, d.since());
        }
      }
      if (earliest == null) {
        return null;
      }
      Instant success = lastSuccess;
      return success != null && success.isAfter(earliest) ? success : earliest;
    } finally {
      lock.unlock();
    }
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private void run() {
    while (running) {
      List<Due> next = takeDue();
      if (next.isEmpty()) {
        continue;
      }
      try {
        send(next);
      } catch (RuntimeException e) {
        // Only closing stops a sender: anything else is logged and the notification retried.
        LOG.error(
            "channel {}: notification {} failed unexpectedly",
            channelId,
            next.get(0).entry().id(),
            e);
        if (running) {
          next.forEach(this::enqueue);
        }
      } finally {
        lock.lock();
        try {
          sending = List.of();
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /**
   * The next due notification, with the others due now for the same target in its batch (a site's
   * group, the digest after quiet hours); empty if none is due yet.
   */
  private List<Due> takeDue() {
    lock.lock();
    try {
      Instant now = clock.instant();
      Due head = queue.peek();
      long waitMs = head == null ? 1000 : Duration.between(now, head.at()).toMillis();
      if (waitMs > 0) {
        changed.await(Math.min(waitMs, 1000), java.util.concurrent.TimeUnit.MILLISECONDS);
        return List.of();
      }
      List<Due> batch = new ArrayList<>();
      batch.add(queue.poll());
      LogEntry first = batch.get(0).entry();
      if (first.batch() != null) {
        for (java.util.Iterator<Due> it = queue.iterator();
            it.hasNext() && batch.size() < MAX_BATCH; ) {
          Due d = it.next();
          if (!d.at().isAfter(now)
              && first.batch().equals(d.entry().batch())
              && first.target().equals(d.entry().target())) {
            batch.add(d);
            it.remove();
          }
        }
      }
      sending = List.copyOf(batch);
      return sending;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  /** Sends the notifications of {@code batch} as one message and records each one's outcome. */
  private void send(List<Due> batch) {
    List<Due> live = new ArrayList<>();
    for (Due d : batch) {
      // held in a group window while the site's SITE_UNREACHABLE was raised: that one stands for it
      String covered = d.entry().attempts() == 0 ? router.coveredBySite(d.entry().intent()) : null;
      if (covered != null) {
        record(d.entry().withState(DeliveryState.SUPPRESSED, clock.instant(), covered));
      } else {
        live.add(d);
      }
    }
    if (live.isEmpty()) {
      return;
    }
    List<LogEntry> entries = live.stream().map(Due::entry).toList();
    Message message;
    try {
      message = messages.apply(entries);
    } catch (IllegalStateException e) {
      entries.forEach(entry -> record(entry.abandoned(clock.instant(), e.getMessage())));
      return;
    }
    Outcome outcome;
    try {
      outcome = channel.send(message);
    } catch (RuntimeException e) {
      outcome = new Outcome.Retry(e.toString(), null);
    }
    Instant now = clock.instant();
    String shared =
        entries.size() == 1 ? "" : " (one message " + message.id() + " for " + entries.size() + ")";
    if (outcome instanceof Outcome.Delivered d) {
      lastSuccess = now;
      lock.lock();
      try {
        refusingSince = null;
        refused.clear();
      } finally {
        lock.unlock();
      }
      entries.forEach(
          entry -> record(entry.attempted(DeliveryState.SENT, now, null, d.detail() + shared)));
    } else if (outcome instanceof Outcome.Retry r) {
      for (Due due : live) {
        LogEntry entry = due.entry();
        Instant at = now.plus(backoff.after(entry.attempts() + 1, r.after()));
        LogEntry retrying = entry.attempted(DeliveryState.RETRYING, now, at, r.reason());
        record(retrying);
        if (running) {
          enqueue(new Due(retrying, at, due.since()));
        }
      }
    } else if (outcome instanceof Outcome.Failed f) {
      for (LogEntry entry : entries) {
        LogEntry failed = entry.attempted(DeliveryState.FAILED, now, null, f.reason());
        lock.lock();
        try {
          if (refusingSince == null) {
            refusingSince = now;
          }
          if (refused.size() == MAX_REFUSED) {
            refused.removeFirst();
          }
          refused.addLast(failed);
        } finally {
          lock.unlock();
        }
        record(failed);
      }
    }
  }

  private void record(LogEntry entry) {
    Failsafe.with(recordRetry).run(() -> log.write(entry));
    if (entry.state().done()) {
      ledger.done(entry.id());
      LOG.info(
          "notification {} {} to {} for {} after {} attempt(s){}",
          entry.id(),
          entry.state(),
          entry.target(),
          entry.intent().id(),
          entry.attempts(),
          entry.detail() == null ? "" : ": " + entry.detail());
      listener.recorded(entry);
    } else if (entry.attempts() == 1 || entry.attempts() % 10 == 0) {
      LOG.warn(
          "notification {} to {} for {}: attempt {} failed, next at {}: {}",
          entry.id(),
          entry.target(),
          entry.intent().id(),
          entry.attempts(),
          entry.nextAt(),
          entry.detail());
    }
  }

  @Override
  public void close() {
    running = false;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
