package io.heatwatch.edge.outbox;

import io.heatwatch.edge.AgentIdentity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Versions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox in SQLite, WAL mode, {@code synchronous=FULL}: every append is one transaction that is
 * on disk before it returns, numbering and storing together, so a power cut can lose neither a
 * stored reading nor a sequence number.
 *
 * <p>SQLite rather than a file format of our own: its atomic commit is tested against power loss on
 * every platform the Pi runs, it bounds and queries the backlog in SQL, and an operator can open
 * the file with {@code sqlite3} to see what is waiting.
 */
public final class SqliteOutbox implements Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);

  /** The age bound is checked at most this often: readings age by the minute, not the tick. */
  private static final long AGE_CHECK_EVERY_MS = 60_000;

  /** The seq epoch file is brought up to date at least this often (and at open and close). */
  private static final long EPOCH_EVERY_MS = 3_600_000;

  private final Path file;
  private final AgentIdentity identity;
  private final OutboxLimits limits;
  private final Clock clock;
  private final LongSupplier nanos;
  private final long runningMsAtOpen;
  private final long nanosAtOpen;
  private final Connection db;
  private final Connection acks;
  private final SeqEpoch epoch;
  private long epochWrittenMs;
  private long lastSeq;
  private long dropped;
  private long depth;
  private long lastAgeCheckMs = Long.MIN_VALUE / 2;

  SqliteOutbox(
      Path file,
      AgentIdentity identity,
      OutboxLimits limits,
      Clock clock,
      LongSupplier nanos,
      Connection db,
      Connection acks)
      throws SQLException {
    this.file = file;
    this.identity = identity;
    this.limits = limits;
    this.clock = clock;
    this.nanos = nanos;
    this.db = db;
    this.acks = acks;
    this.lastSeq = OutboxSchema.meta(db, "last_seq");
    this.dropped = OutboxSchema.meta(db, "dropped");
    this.depth = OutboxSchema.count(db);
    this.runningMsAtOpen = OutboxSchema.meta(db, "running_ms");
    this.nanosAtOpen = nanos.getAsLong();
    this.epoch = new SeqEpoch(file);
    if (lastSeq == 0) {
      long first = epoch.firstOfFreshNumbering(clock);
      OutboxSchema.setMeta(db, "last_seq", first - 1);
      try (PreparedStatement insert =
          db.prepareStatement("INSERT OR REPLACE INTO meta VALUES ('first_seq', ?)")) {
        insert.setLong(1, first);
        insert.executeUpdate();
      }
      db.commit();
      lastSeq = first - 1;
      LOG.info("outbox {} is new: its numbering starts at seq {}", file, first);
    }
    epoch.used(Math.max(lastSeq, epoch.lastUsed()));
    this.epochWrittenMs = runningMsAtOpen;
  }

  /**
   * The outbox's running time: milliseconds the agent has had it open, over all its runs. Readings
   * age by this clock, not the wall clock: NTP steps a Pi's clock at boot (by a month after a month
   * switched off, when fake-hwclock restored the shutdown time), and a wall-clock age would drop
   * the whole backlog at that step. Time switched off does not count, so {@code outbox.maxAge}
   * bounds how long the agent keeps trying to send a reading; {@code outbox.maxReadings} bounds the
   * disk. Saved with every append and at close, so a crash forgets at most the time since the last
   * tick (readings then live slightly longer, never shorter).
   */
  private long runningMs() {
    return runningMsAtOpen + (nanos.getAsLong() - nanosAtOpen) / 1_000_000;
  }

  /** Opens or creates the outbox database at {@code file}. */
  public static SqliteOutbox open(
      Path file, AgentIdentity identity, OutboxLimits limits, Clock clock) {
    return open(file, identity, limits, clock, System::nanoTime);
  }

  static SqliteOutbox open(
      Path file, AgentIdentity identity, OutboxLimits limits, Clock clock, LongSupplier nanos) {
    return OutboxOpening.open(file, identity, limits, clock, nanos);
  }

  @Override
  public synchronized List<Reading> append(List<Draft> drafts) {
    List<Reading> readings = new ArrayList<>(drafts.size());
    long nowMs = runningMs();
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO readings (seq, created_ms, payload) VALUES (?, ?, ?)")) {
      long seq = lastSeq;
      for (Draft draft : drafts) {
        seq++;
        Reading reading =
            new Reading(
                Versions.V1,
                identity.site(),
                identity.deviceId(),
                draft.sensorId(),
                seq,
                draft.ts(),
                draft.tempC(),
                draft.quality(),
                identity.bootId());
        if (draft.clockUnsynced()) {
          reading = reading.withClockUnsynced(true);
        }
        insert.setLong(1, seq);
        insert.setLong(2, nowMs);
        insert.setBytes(3, TelemetryCodec.encode(reading));
        insert.addBatch();
        readings.add(reading);
      }
      insert.executeBatch();
      OutboxSchema.setMeta(db, "last_seq", seq);
      OutboxSchema.setMeta(db, "running_ms", nowMs);
      long newlyDropped = enforceLimits(nowMs, depth + drafts.size());
      db.commit();
      lastSeq = seq;
      if (nowMs - epochWrittenMs >= EPOCH_EVERY_MS) {
        epoch.used(seq);
        epochWrittenMs = nowMs;
      }
      depth = depth + drafts.size() - newlyDropped;
      dropped += newlyDropped;
      return readings;
    } catch (SQLException e) {
      rollback();
      throw new OutboxException(
          "cannot store "
              + drafts.size()
              + " readings in "
              + file
              + " (disk full?): "
              + e.getMessage(),
          e);
    }
  }

  private long enforceLimits(long nowMs, long newDepth) throws SQLException {
    long excess = Math.max(0, newDepth - limits.maxReadings());
    long removed = 0;
    if (excess > 0) {
      try (PreparedStatement drop =
          db.prepareStatement(
              "DELETE FROM readings WHERE seq IN (SELECT seq FROM readings ORDER BY seq LIMIT ?)")) {
        drop.setLong(1, excess);
        removed += drop.executeUpdate();
      }
    }
    if (nowMs - lastAgeCheckMs >= AGE_CHECK_EVERY_MS) {
      try (PreparedStatement old =
          db.prepareStatement("DELETE FROM readings WHERE created_ms < ?")) {
        old.setLong(1, nowMs - limits.maxAge().toMillis());
        removed += old.executeUpdate();
      }
      lastAgeCheckMs = nowMs;
    }
    if (removed > 0) {
      OutboxSchema.setMeta(db, "dropped", dropped + removed);
      LOG.warn(
          "outbox full: dropped the {} oldest readings ({} dropped since install; limits {})",
          removed,
          dropped + removed,
          limits);
    }
    return removed;
  }

  @Override
  public synchronized List<Entry> peek(long afterSeq, int max) {
    List<Entry> entries = new ArrayList<>();
    try (PreparedStatement select =
        db.prepareStatement(
            "SELECT seq, payload FROM readings WHERE seq > ? ORDER BY seq LIMIT ?")) {
      select.setLong(1, afterSeq);
      select.setInt(2, max);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(new Entry(rows.getLong(1), rows.getBytes(2)));
        }
      }
      db.commit();
      return entries;
    } catch (SQLException e) {
      rollback();
      throw new OutboxException("cannot read outbox " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void acknowledge(List<Long> seqs) {
    if (seqs.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = acks.prepareStatement("DELETE FROM readings WHERE seq = ?")) {
      for (long seq : seqs) {
        delete.setLong(1, seq);
        delete.addBatch();
      }
      int removed = 0;
      for (int n : delete.executeBatch()) {
        removed += Math.max(n, 0);
      }
      acks.commit();
      depth -= removed;
    } catch (SQLException e) {
      try {
        acks.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      // Not fatal: the readings stay and are sent again; the cloud removes the duplicates.
      throw new OutboxException("cannot remove acknowledged readings from " + file, e);
    }
  }

  @Override
  public synchronized long depth() {
    return depth;
  }

  @Override
  public synchronized long dropped() {
    return dropped;
  }

  @Override
  public synchronized long lastSeq() {
    return lastSeq;
  }

  @Override
  public synchronized void close() {
    try (Connection toClose = acks) {
      OutboxSchema.setMeta(db, "running_ms", runningMs());
      db.commit();
      db.close();
      epoch.used(lastSeq);
    } catch (SQLException e) {
      LOG.warn("closing outbox {}: {}", file, e.toString());
    }
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException e) {
      LOG.warn("rollback of outbox {} failed: {}", file, e.toString());
    }
  }
}
