package io.heatwatch.edge.outbox;

import io.heatwatch.edge.AgentIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a {@link SqliteOutbox}: its connections, the corrupt file moved aside, and nothing left
 * open when a step fails.
 */
final class OutboxOpening {
  // Logs under the outbox's name: operators filter one logger for everything about the outbox.
  private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);

  private OutboxOpening() {}

  /** Opens or creates the outbox at {@code file}; a corrupt file is moved aside for a fresh one. */
  static SqliteOutbox open(
      Path file, AgentIdentity identity, OutboxLimits limits, Clock clock, LongSupplier nanos) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try {
        return openDatabase(file, identity, limits, clock, nanos);
      } catch (SQLException e) {
        if (!CorruptOutbox.isCorruption(e)) {
          throw e;
        }
        Path aside = CorruptOutbox.moveAside(file, clock);
        LOG.error(
            "outbox {} is corrupt ({}): moved to {}, its readings will not be sent; a fresh outbox"
                + " starts, numbered above every seq used before",
            file,
            e.getMessage(),
            aside);
        return openDatabase(file, identity, limits, clock, nanos);
      }
    } catch (SQLException | IOException e) {
      throw new OutboxException("cannot open outbox " + file + ": " + e.getMessage(), e);
    }
  }

  private static SqliteOutbox openDatabase(
      Path file, AgentIdentity identity, OutboxLimits limits, Clock clock, LongSupplier nanos)
      throws SQLException {
    Connection db = OutboxSchema.connect(file);
    Connection acks = null;
    try {
      db.setAutoCommit(false);
      db.commit();
      acks = OutboxSchema.ackConnection(file);
      SqliteOutbox outbox = new SqliteOutbox(file, identity, limits, clock, nanos, db, acks);
      LOG.info(
          "outbox {}: {} readings waiting, last seq {}, {} dropped so far",
          file,
          outbox.depth(),
          outbox.lastSeq(),
          outbox.dropped());
      return outbox;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(acks, e);
      closeQuietly(db, e);
      throw e;
    }
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
