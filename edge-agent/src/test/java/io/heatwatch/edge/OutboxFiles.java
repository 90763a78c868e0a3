package io.heatwatch.edge;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads an agent's outbox file from outside, as an operator with sqlite3 would. */
final class OutboxFiles {
  private OutboxFiles() {}

  /**
   * The first seq of the outbox's numbering: a fresh outbox numbers above every seq its device used
   * before, so it does not start at 1.
   */
  static long firstSeq(Path db) {
    return meta(db, "first_seq");
  }

  /** The last seq the outbox handed out. */
  static long lastSeq(Path db) {
    return meta(db, "last_seq");
  }

  private static long meta(Path db, String key) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT value FROM meta WHERE key = '" + key + "'")) {
      return rows.next() ? rows.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + db + ": " + e.getMessage(), e);
    }
  }
}
