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

  private record Due(LogEntry entry, Instant at) {}

  private final String channelId;
  private final Channel channel;
  private final Function<LogEntry, Message> messages;
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
  private volatile Instant waitingSince;
  private volatile Instant refusingSince;
  // What the channel refused for good since it last delivered, the newest MAX_REFUSED.
  private final Deque<LogEntry> refused = new ArrayDeque<>();
  private Due sending;

  ChannelSender(
      String channelId,
      Channel channel,
      Function<LogEntry, Message> messages,
      DeliveryLog log,
      Ledger ledger,
      Backoff backoff,
      Clock clock,
      DeliveryListener listener) {
    this.channelId = channelId;
    this.channel = channel;
    this.messages = messages;
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
    lock.lock();
    try {
      if (waitingSince == null) {
        waitingSince = now;
      }
      queue.add(new Due(entry, at));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How many notifications wait for this channel, including the one being sent. */
  int pending() {
    lock.lock();
    try {
      return queue.size() + (sending == null ? 0 : 1);
    } finally {
      lock.unlock();
    }
  }

  /** The notifications waiting for this channel, a copy. */
  List<LogEntry> waiting() {
    lock.lock();
    try {
      List<LogEntry> all = new ArrayList<>();
      if (sending != null) {
        all.add(sending.entry());
      }
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
   * Since when messages have waited for this channel with no delivery; null while none wait. Reset
   * by each delivery.
   */
  Instant waitingSince() {
    return waitingSince;
  }

  private void run() {
    while (running) {
      Due next = takeDue();
      if (next == null) {
        continue;
      }
      try {
        send(next.entry());
      } catch (RuntimeException e) {
        // Only closing stops a sender: anything else is logged and the notification retried.
        LOG.error(
            "channel {}: notification {} failed unexpectedly", channelId, next.entry().id(), e);
        if (running) {
          enqueue(next.entry());
        }
      } finally {
        lock.lock();
        try {
          sending = null;
          if (queue.isEmpty()) {
            waitingSince = null;
          }
        } finally {
          lock.unlock();
        }
      }
    }
  }

  private Due takeDue() {
    lock.lock();
    try {
      Due head = queue.peek();
      long waitMs = head == null ? 1000 : Duration.between(clock.instant(), head.at()).toMillis();
      if (waitMs > 0) {
        changed.await(Math.min(waitMs, 1000), java.util.concurrent.TimeUnit.MILLISECONDS);
        return null;
      }
      sending = queue.poll();
      return sending;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return null;
    } finally {
      lock.unlock();
    }
  }

  private void send(LogEntry entry) {
    Message message;
    try {
      message = messages.apply(entry);
    } catch (IllegalStateException e) {
      record(entry.abandoned(clock.instant(), e.getMessage()));
      return;
    }
    Outcome outcome;
    try {
      outcome = channel.send(message);
    } catch (RuntimeException e) {
      outcome = new Outcome.Retry(e.toString(), null);
    }
    Instant now = clock.instant();
    if (outcome instanceof Outcome.Delivered d) {
      lastSuccess = now;
      waitingSince = now;
      lock.lock();
      try {
        refusingSince = null;
        refused.clear();
      } finally {
        lock.unlock();
      }
      record(entry.attempted(DeliveryState.SENT, now, null, d.detail()));
    } else if (outcome instanceof Outcome.Retry r) {
      Instant at = now.plus(backoff.after(entry.attempts() + 1, r.after()));
      LogEntry retrying = entry.attempted(DeliveryState.RETRYING, now, at, r.reason());
      record(retrying);
      if (running) {
        enqueue(retrying);
      }
    } else if (outcome instanceof Outcome.Failed f) {
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
