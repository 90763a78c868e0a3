package io.heatwatch.edge.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The device's reading sequence number, persisted so it survives restarts and power cuts: a number
 * is handed out only after it has been forced to disk, so it is never reused.
 */
public final class SeqStore implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private long last;

  private SeqStore(Path file, FileChannel channel, long last) {
    this.file = file;
    this.channel = channel;
    this.last = last;
  }

  /** Opens (or creates, starting at 0) the store in {@code file}. */
  public static SeqStore open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      return new SeqStore(file, channel, readLast(file, channel));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open sequence file " + file, e);
    }
  }

  /** The next sequence number, durable before it is returned. */
  public synchronized long next() {
    long seq = last + 1;
    try {
      // Fixed 20-digit field rewritten in place: one write + force, never a torn number.
      ByteBuffer buffer =
          ByteBuffer.wrap(String.format("%020d%n", seq).getBytes(StandardCharsets.US_ASCII));
      channel.write(buffer, 0);
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist sequence " + seq + " to " + file, e);
    }
    last = seq;
    return seq;
  }

  /** The last number handed out, 0 if none. */
  public synchronized long last() {
    return last;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close sequence file " + file, e);
    }
  }

  private static long readLast(Path file, FileChannel channel) throws IOException {
    if (channel.size() == 0) {
      return 0;
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64));
    channel.read(buffer, 0);
    String text =
        new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "sequence file " + file + " is corrupt (\"" + text + "\"); refusing to reuse numbers", e);
    }
  }
}
