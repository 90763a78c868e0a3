package io.heatwatch.edge.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's sequence numbers outside the outbox database: {@code (deviceId, seq)} identifies a
 * reading everywhere (the cloud drops a seq it saw as a duplicate and indexes by {@code
 * deviceId:seq}), so a fresh outbox (corrupt file moved aside, file deleted, card re-imaged) must
 * number above every seq the device used before. A small file next to the database holds the last
 * seq known to be used (written atomically at open, hourly and at close), and a fresh numbering
 * starts at {@code max(that + 1, wall-clock millis × 1000)}: with a synchronised clock that is
 * above any earlier numbering even when the file is gone too, as long as the device stores fewer
 * than 1000 readings a second on average (8 sensors at 1 Hz store 8).
 */
final class SeqEpoch {
  private static final Logger LOG = LoggerFactory.getLogger(SeqEpoch.class);

  private final Path file;

  SeqEpoch(Path outbox) {
    this.file = outbox.resolveSibling(outbox.getFileName() + ".epoch");
  }

  /** The first seq of a fresh numbering. */
  long firstOfFreshNumbering(Clock clock) {
    long byClock;
    try {
      byClock = Math.multiplyExact(Math.max(0, clock.millis()), 1000);
    } catch (ArithmeticException e) {
      byClock = 0; // a clock beyond the year 2262 says nothing
    }
    return Math.max(lastUsed() + 1, byClock);
  }

  /** The last seq the file says was used, 0 when there is no file. */
  long lastUsed() {
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException | NumberFormatException e) {
      LOG.warn("ignored the unreadable seq epoch file {}: {}", file, e.toString());
      return 0;
    }
  }

  /**
   * Records that seqs up to {@code lastSeq} were used: a new file, synced, renamed over the old.
   */
  void used(long lastSeq) {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(StandardCharsets.US_ASCII.encode(lastSeq + "\n"));
        channel.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // Not fatal: the clock rule still numbers a fresh outbox above this one.
      LOG.warn("cannot write the seq epoch file {}: {}", file, e.toString());
    }
  }
}
