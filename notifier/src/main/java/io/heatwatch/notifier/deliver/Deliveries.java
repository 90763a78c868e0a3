package io.heatwatch.notifier.deliver;

import io.heatwatch.model.Notification;
import io.heatwatch.notifier.config.Target;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claim, then hand to the channel's sender: each target of an intent not already done or in flight
 * gets a CLAIMED entry in the delivery log, acknowledged, before its sender sees it.
 */
final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  /** The most notifications that wait for one channel before intents stop being read. */
  static final int MAX_PENDING_PER_CHANNEL = 10_000;

  private final Map<String, ChannelSender> senders;
  private final DeliveryLog log;
  private final Ledger ledger;
  private final Router router;
  private final Clock clock;
  private final DeliveryListener listener;

  Deliveries(
      Map<String, ChannelSender> senders,
      DeliveryLog log,
      Ledger ledger,
      Router router,
      Clock clock,
      DeliveryListener listener) {
    this.senders = Map.copyOf(senders);
    this.listener = listener;
    this.log = log;
    this.ledger = ledger;
    this.router = router;
    this.clock = clock;
  }

  /**
   * Claims the intent for every target and queues the claims; returns how many were new. Throws
   * {@link DeliveryLog.LogWriteException} if the claims could not be written (none is queued).
   */
  int claim(Notification intent, List<Target> targets) {
    List<LogEntry> claims = new ArrayList<>();
    Instant now = clock.instant();
    String suppressed = router.observe(intent, now);
    for (Target t : targets) {
      LogEntry claim;
      if (suppressed != null) {
        claim = LogEntry.suppressed(intent, t, now, suppressed);
      } else {
        Router.Decision d = router.route(intent, t, now);
        claim = LogEntry.claim(intent, t, now, d.due(), d.batch(), d.detail());
      }
      if (ledger.claim(claim.id())) {
        claims.add(claim);
      }
    }
    if (claims.isEmpty()) {
      return 0;
    }
    try {
      log.write(claims);
    } catch (RuntimeException e) {
      claims.forEach(c -> ledger.release(c.id()));
      throw e;
    }
    for (LogEntry c : claims) {
      if (c.state() == DeliveryState.SUPPRESSED) {
        ledger.done(c.id());
        LOG.info(
            "notification {} for {} to {} SUPPRESSED: {}",
            c.id(),
            intent.id(),
            c.target(),
            c.detail());
        listener.recorded(c);
        continue;
      }
      LOG.info(
          "notification {} claimed for {} to {}{}",
          c.id(),
          intent.id(),
          c.target(),
          c.nextAt() == null ? "" : ", " + c.detail());
      senders.get(c.target().channel()).enqueue(c);
    }
    return claims.size();
  }

  /**
   * Claims the intent for {@code target} alone, to be sent at once past the router (a channel
   * test); returns whether it was new. Throws {@link DeliveryLog.LogWriteException} if the claim
   * could not be written.
   */
  boolean claimNow(Notification intent, Target target, Instant now, String detail) {
    LogEntry claim = LogEntry.claim(intent, target, now, null, null, detail);
    if (!record(claim)) {
      return false;
    }
    LOG.info("notification {} claimed for {} to {}: {}", claim.id(), intent.id(), target, detail);
    senders.get(target.channel()).enqueue(claim);
    return true;
  }

  /**
   * Records the intent for {@code target} FAILED without an attempt, {@code why} saying why it
   * cannot be sent (a channel test naming no such channel); returns whether it was new.
   */
  boolean refuse(Notification intent, Target target, Instant now, String why) {
    LogEntry failed = LogEntry.claim(intent, target, now).abandoned(now, why);
    if (!record(failed)) {
      return false;
    }
    ledger.done(failed.id());
    LOG.warn("notification {} for {} to {} FAILED: {}", failed.id(), intent.id(), target, why);
    listener.recorded(failed);
    return true;
  }

  /**
   * Claims {@code entry}'s id in the ledger and writes it to the log; {@code false} if the id was
   * claimed already. A failed write releases the id and throws.
   */
  private boolean record(LogEntry entry) {
    if (!ledger.claim(entry.id())) {
      return false;
    }
    try {
      log.write(entry);
    } catch (RuntimeException e) {
      ledger.release(entry.id());
      throw e;
    }
    return true;
  }

  /**
   * Re-queues what the log held as claimed or retrying at start; a claim for a gone channel fails.
   */
  void resume(Collection<LogEntry> pending) {
    for (LogEntry e : pending) {
      ChannelSender s = senders.get(e.target().channel());
      if (s != null) {
        s.enqueue(e);
      } else {
        LogEntry failed = e.abandoned(clock.instant(), "channel no longer configured");
        log.write(failed);
        ledger.done(failed.id());
        LOG.warn("notification {} to {} FAILED: channel no longer configured", e.id(), e.target());
      }
    }
  }

  /** Whether some channel has as much waiting as it may hold. */
  boolean full() {
    return senders.values().stream().anyMatch(s -> s.pending() >= MAX_PENDING_PER_CHANNEL);
  }

  Map<String, ChannelSender> senders() {
    return senders;
  }

  Ledger ledger() {
    return ledger;
  }
}
