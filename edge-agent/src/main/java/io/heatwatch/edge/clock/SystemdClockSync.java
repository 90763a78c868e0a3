package io.heatwatch.edge.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock's state as systemd knows it: systemd-timesyncd creates {@code
 * /run/systemd/timesync/synchronized} at its first synchronisation (a file test, cheap on every
 * tick); otherwise (chrony, ntpd) {@code timedatectl show -p NTPSynchronized --value} answers from
 * the kernel's sync flag, asked at most once a minute. Once synchronised it stays so: the marking
 * is about the step at boot. Where neither can tell (no systemd), the clock is taken as
 * synchronised and said so once: marking every reading would be as wrong as marking none.
 */
public final class SystemdClockSync implements ClockSync {
  private static final Logger LOG = LoggerFactory.getLogger(SystemdClockSync.class);
  private static final long ASK_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long ANSWER_WITHIN_S = 5;

  private final Path flag;
  private final List<String> command;
  private final LongSupplier nanos;
  private boolean synced;
  private boolean asked;
  private long askedAtNanos;

  /**
   * @param root the file system root, {@code /} on a Pi (a test folder in tests)
   * @param command what answers {@code yes} or {@code no}, e.g. {@link #system()}'s timedatectl
   * @param nanos a monotonic clock
   */
  public SystemdClockSync(Path root, List<String> command, LongSupplier nanos) {
    this.flag = root.resolve("run/systemd/timesync/synchronized");
    this.command = List.copyOf(command);
    this.nanos = nanos;
  }

  /** This machine's: {@code /run/systemd/timesync/synchronized}, then timedatectl. */
  public static SystemdClockSync system() {
    return new SystemdClockSync(
        Path.of("/"),
        List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value"),
        System::nanoTime);
  }

  @Override
  public synchronized boolean synchronised() {
    if (synced || Files.exists(flag)) {
      synced = true;
      return true;
    }
    long now = nanos.getAsLong();
    if (!asked || now - askedAtNanos >= ASK_EVERY_NANOS) {
      asked = true;
      askedAtNanos = now;
      synced = ask();
    }
    return synced;
  }

  private boolean ask() {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(ANSWER_WITHIN_S, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false; // asked again in a minute
      }
      String answer =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (answer.equals("yes") || answer.equals("no")) {
        return answer.equals("yes");
      }
      LOG.warn("cannot tell whether the clock is synchronised ({}: {})", command, answer);
    } catch (IOException e) {
      LOG.warn("cannot tell whether the clock is synchronised ({}: {})", command, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Taken as synchronised, and not asked again: the answer would not change.
    return true;
  }
}
