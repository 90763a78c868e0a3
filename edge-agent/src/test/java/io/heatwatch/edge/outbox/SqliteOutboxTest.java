package io.heatwatch.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.edge.AgentIdentity;
import io.heatwatch.edge.outbox.Outbox.Draft;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final AgentIdentity ID = new AgentIdentity("home", "pi-1", "boot-1", "test");

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(T0);
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private SqliteOutbox open(OutboxLimits limits, Clock clock) {
    return SqliteOutbox.open(dir.resolve("outbox.db"), ID, limits, clock);
  }

  private SqliteOutbox open(OutboxLimits limits, Clock clock, LongSupplier nanos) {
    return SqliteOutbox.open(dir.resolve("outbox.db"), ID, limits, clock, nanos);
  }

  private SqliteOutbox open() {
    return open(OutboxLimits.DEFAULT, Clock.fixed(T0, ZoneOffset.UTC));
  }

  private static List<Draft> drafts(int n) {
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      drafts.add(new Draft("s" + i, T0, 20.0 + i, Quality.OK));
    }
    return drafts;
  }

  @Test
  void numbersStoresAndReplaysInOrder() {
    try (SqliteOutbox outbox = open()) {
      List<Reading> stored = outbox.append(drafts(3));
      assertThat(stored).extracting(Reading::seq).containsExactly(1L, 2L, 3L);
      assertThat(stored.get(0).deviceId()).isEqualTo("pi-1");
      assertThat(outbox.peek(0, 10)).isEqualTo(stored);
      assertThat(outbox.peek(1, 1)).extracting(Reading::seq).containsExactly(2L);
      outbox.acknowledge(List.of(1L, 3L));
      assertThat(outbox.peek(0, 10)).extracting(Reading::seq).containsExactly(2L);
      assertThat(outbox.depth()).isEqualTo(1);
    }
  }

  @Test
  void survivesReopenAndNeverReusesNumbersEvenWhenEmpty() {
    try (SqliteOutbox outbox = open()) {
      outbox.append(drafts(5));
      outbox.acknowledge(List.of(1L, 2L, 3L, 4L, 5L));
    }
    try (SqliteOutbox outbox = open()) {
      assertThat(outbox.depth()).isZero();
      assertThat(outbox.lastSeq()).isEqualTo(5);
      assertThat(outbox.append(drafts(1)).get(0).seq()).isEqualTo(6);
    }
  }

  @Test
  void unacknowledgedReadingsAreStillThereAfterReopen() {
    try (SqliteOutbox outbox = open()) {
      outbox.append(drafts(4));
      outbox.acknowledge(List.of(2L));
    }
    try (SqliteOutbox outbox = open()) {
      assertThat(outbox.peek(0, 10)).extracting(Reading::seq).containsExactly(1L, 3L, 4L);
    }
  }

  @Test
  void fullOutboxDropsTheOldestAndCountsThem() {
    try (SqliteOutbox outbox =
        open(new OutboxLimits(5, Duration.ofDays(1)), Clock.fixed(T0, ZoneOffset.UTC))) {
      outbox.append(drafts(4));
      outbox.append(drafts(3));
      assertThat(outbox.peek(0, 10)).extracting(Reading::seq).containsExactly(3L, 4L, 5L, 6L, 7L);
      assertThat(outbox.dropped()).isEqualTo(2);
      assertThat(outbox.depth()).isEqualTo(5);
    }
    try (SqliteOutbox outbox = open()) {
      assertThat(outbox.dropped()).as("drop count is persisted").isEqualTo(2);
    }
  }

  @Test
  void readingsOlderThanMaxAgeAreDropped() {
    try (SqliteOutbox outbox =
        open(new OutboxLimits(100, Duration.ofHours(1)), clock, nanos::get)) {
      long first = outbox.lastSeq() + 1;
      outbox.append(drafts(2));
      nanos.addAndGet(Duration.ofMinutes(61).toNanos());
      outbox.append(drafts(1));
      assertThat(outbox.peek(0, 10)).extracting(Reading::seq).containsExactly(first + 2);
      assertThat(outbox.dropped()).isEqualTo(2);
    }
  }

  /**
   * A Pi off for 40 days boots offline on the time it saved at shutdown; NTP then steps the clock
   * 40 days ahead. The backlog has not aged: the agent was not running.
   */
  @Test
  void anNtpStepDoesNotAgeTheBacklog() {
    try (SqliteOutbox outbox =
        open(new OutboxLimits(100, Duration.ofDays(30)), clock, nanos::get)) {
      outbox.append(drafts(2));
      nanos.addAndGet(Duration.ofMinutes(2).toNanos());
      clock.set(T0.plus(Duration.ofDays(40)));
      outbox.append(drafts(1));
      assertThat(outbox.depth()).isEqualTo(3);
      assertThat(outbox.dropped()).isZero();
    }
  }

  @Test
  void anOutboxFromBeforeAgesItsReadingsFromTheUpgrade() {
    OutboxLimits hour = new OutboxLimits(100, Duration.ofHours(1));
    try (SqliteOutbox outbox = open(hour, clock, nanos::get)) {
      outbox.append(drafts(1));
    }
    // As the previous release left it: wall-clock creation times, no running time.
    execute(
        "UPDATE readings SET created_ms = " + T0.toEpochMilli(),
        "DELETE FROM meta WHERE key = 'running_ms'");
    try (SqliteOutbox outbox = open(hour, clock, nanos::get)) {
      outbox.append(drafts(1));
      assertThat(outbox.depth()).isEqualTo(2);
      nanos.addAndGet(Duration.ofMinutes(61).toNanos());
      outbox.append(drafts(1));
      assertThat(outbox.depth()).isEqualTo(1);
    }
  }

  private void execute(String... statements) {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
        var s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readingsAgeByRunningTimeAcrossRestarts() {
    OutboxLimits hour = new OutboxLimits(100, Duration.ofHours(1));
    long first;
    try (SqliteOutbox outbox = open(hour, clock, nanos::get)) {
      first = outbox.lastSeq() + 1;
      outbox.append(drafts(1));
      nanos.addAndGet(Duration.ofMinutes(50).toNanos());
    }
    nanos.set(0); // a new boot: the monotonic clock starts again
    clock.set(T0.minus(Duration.ofDays(365))); // and the wall clock is wrong
    try (SqliteOutbox outbox = open(hour, clock, nanos::get)) {
      nanos.addAndGet(Duration.ofMinutes(9).toNanos());
      outbox.append(drafts(1));
      assertThat(outbox.depth()).as("59 minutes of running time").isEqualTo(2);
      nanos.addAndGet(Duration.ofMinutes(2).toNanos());
      outbox.append(drafts(1));
      assertThat(outbox.peek(0, 10)).extracting(Reading::seq).containsExactly(first + 1, first + 2);
    }
  }

  @Test
  void aWriteErrorIsAClearErrorAndLosesNothingStored() throws Exception {
    try (SqliteOutbox outbox = open()) {
      outbox.append(drafts(2));
      // Another connection holds the write lock past busy_timeout: the append cannot commit,
      // as when the card stops taking writes.
      try (var other =
              java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
          var s = other.createStatement()) {
        s.execute("PRAGMA busy_timeout=0");
        s.execute("BEGIN EXCLUSIVE");
        assertThatThrownBy(() -> outbox.append(drafts(1)))
            .isInstanceOf(OutboxException.class)
            .hasMessageContaining("cannot store 1 readings");
        s.execute("ROLLBACK");
      }
      assertThat(outbox.peek(0, 10)).extracting(Reading::seq).containsExactly(1L, 2L);
      assertThat(outbox.append(drafts(1)).get(0).seq()).as("no number lost or reused").isEqualTo(3);
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedClearly() throws Exception {
    Files.writeString(
        dir.resolve("outbox.db"), "this is not sqlite, this is a text file of some length....");
    assertThatThrownBy(this::open)
        .isInstanceOf(OutboxException.class)
        .hasMessageContaining("cannot open outbox")
        .hasMessageContaining("outbox.db");
  }
}
