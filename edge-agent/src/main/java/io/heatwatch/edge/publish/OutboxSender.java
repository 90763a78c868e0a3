package io.heatwatch.edge.publish;

import io.heatwatch.edge.log.ThrottledLog;
import io.heatwatch.edge.outbox.Outbox;
import io.heatwatch.edge.outbox.OutboxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves readings from the outbox to the broker, oldest first, with at most {@code window} messages
 * unacknowledged at a time; a reading leaves the outbox only on its message's PUBACK. What the
 * outbox holds goes out in messages of up to {@code batch} readings, a JSON array when more than
 * one, as the wire contract allows ({@link Batching}): a tick of eight sensors is one message, not
 * eight, and a backlog drains {@code batch} times faster per round trip. After a reconnect it
 * starts again from the oldest stored reading, so nothing in flight at the loss is skipped (the
 * cloud removes the duplicates by {@code (deviceId, seq)}).
 *
 * <p>A PUBACK whose reason code is 0x80 or more (e.g. 0x87 "not authorized" from a per-device ACL)
 * is a refusal, though Paho completes its token as a success: those readings stay in the outbox,
 * are counted in {@link #refused()}, and the sender pauses with the reconnect backoff before it
 * sends again from the oldest stored reading.
 */
public final class OutboxSender implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final long IDLE_WAIT_MS = 1_000;

  private final Outbox outbox;
  private final Uplink uplink;
  private final int window;
  private final int batch;
  private final ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final ThrottledLog refusals;
  private final Backoff refusedBackoff =
      Backoff.jittered(Duration.ofSeconds(1), Duration.ofMinutes(2));
  private final AtomicBoolean holding = new AtomicBoolean();
  private volatile long holdUntilNanos;
  private volatile boolean running = true;
  private boolean signalled;
  private long cursor;
  private volatile long sentOnConnection = -1;

  public OutboxSender(Outbox outbox, Uplink uplink, Batching batching) {
    this.outbox = outbox;
    this.uplink = uplink;
    this.window = batching.window();
    this.batch = batching.batch();
    this.refusals =
        new ThrottledLog(LOG, "device " + uplink.deviceId() + ": the broker refused readings");
  }

  /** Something changed (new readings, an ack, a connection): look again now. */
  public void wake() {
    lock.lock();
    try {
      signalled = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Readings the broker acknowledged since start. */
  public long delivered() {
    return delivered.get();
  }

  /** Readings the broker refused (PUBACK reason code 0x80 or more) since start. */
  public long refused() {
    return refused.get();
  }

  @Override
  public void run() {
    while (running) {
      try {
        boolean progressed = step();
        if (!progressed) {
          awaitWake();
        }
      } catch (OutboxException e) {
        LOG.error("outbox: {}", e.getMessage());
        awaitWake();
      } catch (RuntimeException e) {
        LOG.error("sender step failed", e);
        awaitWake();
      }
    }
  }

  /** One round: record acks, then fill the window. Returns whether anything happened. */
  boolean step() {
    List<Long> done = new ArrayList<>();
    for (Long seq; (seq = acked.poll()) != null; ) {
      done.add(seq);
    }
    outbox.acknowledge(done);
    delivered.addAndGet(done.size());
    if (!uplink.isReady()) {
      return !done.isEmpty();
    }
    if (holding.get()) {
      if (System.nanoTime() - holdUntilNanos < 0) {
        return !done.isEmpty();
      }
      // Send the refused readings again, oldest first, once the pause is over.
      holding.set(false);
      cursor = 0;
    }
    long connection = uplink.connection();
    if (connection != sentOnConnection) {
      sentOnConnection = connection;
      cursor = 0;
      inFlight.set(0);
    }
    int free = (int) (window - inFlight.get());
    if (free <= 0) {
      return !done.isEmpty();
    }
    List<Outbox.Entry> next = outbox.peek(cursor, free * batch);
    for (int from = 0; from < next.size(); from += batch) {
      List<Outbox.Entry> message = next.subList(from, Math.min(from + batch, next.size()));
      long[] seqs = message.stream().mapToLong(Outbox.Entry::seq).toArray();
      try {
        inFlight.incrementAndGet();
        uplink.publishReading(payload(message), new AckListener(seqs, connection));
        cursor = seqs[seqs.length - 1];
      } catch (UplinkException e) {
        inFlight.decrementAndGet();
        // Window full at the client or connection just lost: try again on the next round.
        LOG.debug("publish of seq {}.. deferred: {}", seqs[0], e.getMessage());
        break;
      }
    }
    return !done.isEmpty() || !next.isEmpty();
  }

  /**
   * One message's payload: a stored reading as it is, or several joined into a JSON array, the
   * bytes {@code TelemetryCodec.encode} gives the list, with no decoding or encoding on the way.
   */
  static byte[] payload(List<Outbox.Entry> message) {
    if (message.size() == 1) {
      return message.get(0).payload();
    }
    int size = message.size() + 1;
    for (Outbox.Entry entry : message) {
      size += entry.payload().length;
    }
    byte[] joined = new byte[size];
    int at = 0;
    byte separator = '[';
    for (Outbox.Entry entry : message) {
      joined[at++] = separator;
      separator = ',';
      System.arraycopy(entry.payload(), 0, joined, at, entry.payload().length);
      at += entry.payload().length;
    }
    joined[at] = ']';
    return joined;
  }

  private void awaitWake() {
    lock.lock();
    try {
      if (!signalled && running) {
        wake.await(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
      }
      signalled = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    running = false;
    wake();
  }

  /** Hears one message's PUBACK (or its failure) and hands its readings back to the sender. */
  private final class AckListener implements Uplink.Delivery {
    private final long[] seqs;
    private final long connection;

    AckListener(long[] seqs, long connection) {
      this.seqs = seqs;
      this.connection = connection;
    }

    @Override
    public void acknowledged(int reason) {
      if (reason >= 0x80) {
        refused(reason);
      } else {
        for (long seq : seqs) {
          acked.add(seq);
        }
        refusedBackoff.reset();
      }
      release();
    }

    private void refused(int reason) {
      refused.addAndGet(seqs.length);
      if (!holding.get()) {
        holdUntilNanos = System.nanoTime() + refusedBackoff.next().toNanos();
        holding.set(true);
      }
      refusals.add(
          seqs.length,
          String.format(
              "PUBACK reason 0x%02x for seq %d..%d; they stay in the outbox (is mqtt.username"
                  + " the device id?)",
              reason, seqs[0], seqs[seqs.length - 1]));
    }

    @Override
    public void failed(Throwable failure) {
      // Stays in the outbox; the next connection replays it.
      release();
    }

    private void release() {
      if (connection == sentOnConnection) {
        inFlight.decrementAndGet();
      }
      wake();
    }
  }
}
