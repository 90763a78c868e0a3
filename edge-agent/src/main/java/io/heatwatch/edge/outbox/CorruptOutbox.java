package io.heatwatch.edge.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What to do with an outbox file SQLite cannot use: it is moved aside with a timestamp (kept for an
 * operator, never read again) so the agent can go on with a fresh one, instead of failing at every
 * start while systemd restarts it every few seconds for ever.
 */
final class CorruptOutbox {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int SQLITE_CORRUPT = SQLiteErrorCode.SQLITE_CORRUPT.code;
  private static final int SQLITE_NOTADB = SQLiteErrorCode.SQLITE_NOTADB.code;

  private CorruptOutbox() {}

  /** The failure a failed integrity check becomes. */
  static SQLiteException failedIntegrityCheck(String verdict) {
    return new SQLiteException(
        "integrity_check: " + verdict.replace('\n', ' '), SQLiteErrorCode.SQLITE_CORRUPT);
  }

  /**
   * Whether {@code failure} says the file is damaged or not a database; any other failure (disk
   * full, permissions) leaves the file where it is.
   */
  static boolean isCorruption(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException e) {
        int primary = e.getResultCode().code & 0xff;
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
      }
    }
    return false;
  }

  /**
   * Renames {@code file} and its WAL and shared-memory files to {@code <name>.corrupt-<UTC time>};
   * returns the new name of the database file.
   */
  static Path moveAside(Path file, Clock clock) throws IOException {
    String stamp = STAMP.format(clock.instant());
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
    for (int n = 2; Files.exists(aside); n++) {
      aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + n);
    }
    for (String suffix : new String[] {"-wal", "-shm"}) {
      Path companion = file.resolveSibling(file.getFileName() + suffix);
      if (Files.exists(companion)) {
        Files.move(companion, aside.resolveSibling(aside.getFileName() + suffix));
      }
    }
    return Files.move(file, aside);
  }
}
