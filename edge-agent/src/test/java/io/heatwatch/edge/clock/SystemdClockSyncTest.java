package io.heatwatch.edge.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What systemd says about the clock, on a fake root and with a stand-in for timedatectl. */
class SystemdClockSyncTest {
  @TempDir Path root;
  private final AtomicLong nanos = new AtomicLong();

  private Path answer(String text) throws Exception {
    return Files.writeString(root.resolve("answer"), text);
  }

  private SystemdClockSync sync() {
    return new SystemdClockSync(
        root, List.of("cat", root.resolve("answer").toString()), nanos::get);
  }

  @Test
  void timesyncdsFlagFileMeansSynchronised() throws Exception {
    answer("no\n");
    SystemdClockSync sync = sync();
    assertThat(sync.synchronised()).isFalse();
    Files.createDirectories(root.resolve("run/systemd/timesync"));
    Files.createFile(root.resolve("run/systemd/timesync/synchronized"));
    assertThat(sync.synchronised()).isTrue();
  }

  @Test
  void timedatectlIsAskedAtMostOnceAMinuteUntilItSaysYes() throws Exception {
    answer("no\n");
    SystemdClockSync sync = sync();
    assertThat(sync.synchronised()).isFalse();
    answer("yes\n");
    assertThat(sync.synchronised()).as("asked again only after a minute").isFalse();
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    assertThat(sync.synchronised()).isTrue();
    answer("no\n");
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    assertThat(sync.synchronised()).as("synchronised once is enough").isTrue();
  }

  @Test
  void aSystemThatCannotTellIsTakenAsSynchronised() {
    SystemdClockSync sync =
        new SystemdClockSync(root, List.of(root.resolve("no-such-program").toString()), nanos::get);
    assertThat(sync.synchronised()).isTrue();
  }
}
