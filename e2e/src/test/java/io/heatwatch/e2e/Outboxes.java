package io.heatwatch.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads an agent's SQLite outbox from outside the agent, as an operator on the device would. */
final class Outboxes {
  private Outboxes() {}

  /** The last seq the device numbered, 0 before its first reading. */
  static long lastSeq(Path db) {
    return query(db, "SELECT value FROM meta WHERE key = 'last_seq'");
  }

  /** The first seq of this outbox's numbering (1 for an outbox from before numbering epochs). */
  static long firstSeq(Path db) {
    return Math.max(1, query(db, "SELECT value FROM meta WHERE key = 'first_seq'"));
  }

  /** Readings stored and not yet acknowledged by the broker. */
  static long waiting(Path db) {
    return query(db, "SELECT count(*) FROM readings");
  }

  private static long query(Path db, String sql) {
    if (!Files.exists(db)) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      return rows.next() ? rows.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + db + ": " + e.getMessage(), e);
    }
  }
}
