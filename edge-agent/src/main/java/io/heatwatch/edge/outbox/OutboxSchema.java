package io.heatwatch.edge.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The outbox's SQLite file: connections, integrity check, schema and its migration. */
final class OutboxSchema {
  private OutboxSchema() {}

  /**
   * Opens the database for appends ({@code synchronous=FULL}), checks its integrity and brings the
   * schema up to date; a damaged file fails with SQLITE_CORRUPT or SQLITE_NOTADB.
   */
  static Connection connect(Path file) throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        try (ResultSet verdict = s.executeQuery("PRAGMA integrity_check(1)")) {
          String result = verdict.next() ? verdict.getString(1) : "no answer";
          if (!"ok".equals(result)) {
            throw CorruptOutbox.failedIntegrityCheck(result);
          }
        }
        s.execute(
            "CREATE TABLE IF NOT EXISTS readings (seq INTEGER PRIMARY KEY, created_ms INTEGER NOT"
                + " NULL, payload BLOB NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS readings_created ON readings (created_ms)");
        s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        s.execute("INSERT OR IGNORE INTO meta VALUES ('last_seq', 0), ('dropped', 0)");
        // created_ms is the outbox's running time at the append (see SqliteOutbox.runningMs); an
        // outbox from
        // before held wall-clock times there, so its readings start their age now.
        if (s.executeUpdate("INSERT OR IGNORE INTO meta VALUES ('running_ms', 0)") == 1) {
          s.execute("UPDATE readings SET created_ms = 0");
        }
      }
      return db;
    } catch (SQLException | RuntimeException e) {
      try {
        db.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * Removing acknowledged readings need not wait for the disk: if a power cut undoes a removal, the
   * reading is sent once more and the cloud drops the duplicate. Appends keep {@code FULL}.
   */
  static Connection ackConnection(Path file) throws SQLException {
    Connection acks = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = acks.createStatement()) {
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=5000");
    }
    acks.setAutoCommit(false);
    return acks;
  }

  /** The value of {@code key} in the meta table, 0 when it has none. */
  static long meta(Connection db, String key) throws SQLException {
    try (PreparedStatement select = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  /** Sets {@code key} in the meta table, in the caller's transaction. */
  static void setMeta(Connection db, String key, long value) throws SQLException {
    try (PreparedStatement update =
        db.prepareStatement("UPDATE meta SET value = ? WHERE key = ?")) {
      update.setLong(1, value);
      update.setString(2, key);
      update.executeUpdate();
    }
  }

  /** The readings stored. */
  static long count(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM readings")) {
      rows.next();
      long n = rows.getLong(1);
      db.commit();
      return n;
    }
  }
}
