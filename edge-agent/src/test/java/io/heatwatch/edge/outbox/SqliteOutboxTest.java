package io.heatwatch.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.edge.AgentIdentity;
import io.heatwatch.edge.outbox.Outbox.Draft;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Versions;
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
      long b = outbox.lastSeq();
      List<Reading> stored = outbox.append(drafts(3));
      assertThat(stored).extracting(Reading::seq).containsExactly(b + 1, b + 2, b + 3);
      assertThat(stored.get(0).deviceId()).isEqualTo("pi-1");
      assertThat(StoredReadings.decode(outbox.peek(0, 10))).isEqualTo(stored);
      assertThat(StoredReadings.decode(outbox.peek(b + 1, 1)))
          .extracting(Reading::seq)
          .containsExactly(b + 2);
      outbox.acknowledge(List.of(b + 1, b + 3));
      assertThat(StoredReadings.decode(outbox.peek(0, 10)))
          .extracting(Reading::seq)
          .containsExactly(b + 2);
      assertThat(outbox.depth()).isEqualTo(1);
    }
  }

  @Test
  void survivesReopenAndNeverReusesNumbersEvenWhenEmpty() {
    long b;
    try (SqliteOutbox outbox = open()) {
      b = outbox.lastSeq();
      outbox.append(drafts(5));
      outbox.acknowledge(List.of(b + 1, b + 2, b + 3, b + 4, b + 5));
    }
    try (SqliteOutbox outbox = open()) {
      assertThat(outbox.depth()).isZero();
      assertThat(outbox.lastSeq()).isEqualTo(b + 5);
      assertThat(outbox.append(drafts(1)).get(0).seq()).isEqualTo(b + 6);
    }
  }

  @Test
  void unacknowledgedReadingsAreStillThereAfterReopen() {
    long b;
    try (SqliteOutbox outbox = open()) {
      b = outbox.lastSeq();
      outbox.append(drafts(4));
      outbox.acknowledge(List.of(b + 2));
    }
    try (SqliteOutbox outbox = open()) {
      assertThat(StoredReadings.decode(outbox.peek(0, 10)))
          .extracting(Reading::seq)
          .containsExactly(b + 1, b + 3, b + 4);
    }
  }

  @Test
  void fullOutboxDropsTheOldestAndCountsThem() {
    try (SqliteOutbox outbox =
        open(new OutboxLimits(5, Duration.ofDays(1)), Clock.fixed(T0, ZoneOffset.UTC))) {
      long b = outbox.lastSeq();
      outbox.append(drafts(4));
      outbox.append(drafts(3));
      assertThat(StoredReadings.decode(outbox.peek(0, 10)))
          .extracting(Reading::seq)
          .containsExactly(b + 3, b + 4, b + 5, b + 6, b + 7);
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
      assertThat(StoredReadings.decode(outbox.peek(0, 10)))
          .extracting(Reading::seq)
          .containsExactly(first + 2);
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
      assertThat(StoredReadings.decode(outbox.peek(0, 10)))
          .extracting(Reading::seq)
          .containsExactly(first + 1, first + 2);
    }
  }

  @Test
  void aWriteErrorIsAClearErrorAndLosesNothingStored() throws Exception {
    try (SqliteOutbox outbox = open()) {
      long b = outbox.lastSeq();
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
      assertThat(StoredReadings.decode(outbox.peek(0, 10)))
          .extracting(Reading::seq)
          .containsExactly(b + 1, b + 2);
      assertThat(outbox.append(drafts(1)).get(0).seq())
          .as("no number lost or reused")
          .isEqualTo(b + 3);
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsMovedAsideAndAFreshOutboxStarts() throws Exception {
    String junk = "this is not sqlite, this is a text file of some length....";
    Files.writeString(dir.resolve("outbox.db"), junk);
    try (SqliteOutbox outbox = open()) {
      assertThat(outbox.depth()).isZero();
      assertThat(outbox.append(drafts(1)).get(0).seq()).isEqualTo(T0.toEpochMilli() * 1000);
    }
    assertThat(movedAside()).hasSize(1);
    assertThat(Files.readString(movedAside().get(0))).isEqualTo(junk);
  }

  @Test
  void aDatabaseThatFailsItsIntegrityCheckIsMovedAside() throws Exception {
    long used;
    try (SqliteOutbox outbox = open()) {
      for (int i = 0; i < 20; i++) {
        outbox.append(drafts(100));
      }
      used = outbox.lastSeq();
    }
    // Scribble over the pages after the first two, as a failing card does.
    try (var file = new java.io.RandomAccessFile(dir.resolve("outbox.db").toFile(), "rw")) {
      byte[] noise = new byte[16 * 4096];
      new java.util.Random(7).nextBytes(noise);
      file.seek(2 * 4096);
      file.write(noise);
    }
    long before;
    try (SqliteOutbox outbox = open()) {
      assertThat(outbox.depth()).isZero();
      before = outbox.lastSeq();
    }
    assertThat(movedAside()).isNotEmpty();
    assertThat(before).as("the next seq is above every one used").isGreaterThanOrEqualTo(used);
  }

  @Test
  void aFreshOutboxNumbersAboveEverySeqTheDeviceUsedBefore() throws Exception {
    long last;
    try (SqliteOutbox outbox = open()) {
      outbox.append(drafts(5));
      last = outbox.lastSeq();
    }
    // The outbox is deleted and the clock is a year behind (not yet synchronised): the epoch file
    // next to it still knows the last seq.
    deleteOutbox();
    try (SqliteOutbox outbox =
        open(OutboxLimits.DEFAULT, Clock.fixed(T0.minus(Duration.ofDays(365)), ZoneOffset.UTC))) {
      assertThat(outbox.append(drafts(1)).get(0).seq()).isGreaterThan(last);
      last = outbox.lastSeq();
    }
    // Re-imaged: no outbox, no epoch file; a synchronised clock numbers above.
    deleteOutbox();
    Files.delete(dir.resolve("outbox.db.epoch"));
    try (SqliteOutbox outbox =
        open(OutboxLimits.DEFAULT, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))) {
      assertThat(outbox.append(drafts(1)).get(0).seq()).isGreaterThan(last);
    }
  }

  @Test
  void peekHandsBackTheStoredBytesOfEachReadingWithItsSeq() {
    try (SqliteOutbox outbox = open()) {
      List<Reading> stored = outbox.append(drafts(3));
      List<Outbox.Entry> entries = outbox.peek(0, 10);
      assertThat(entries).extracting(Outbox.Entry::seq).containsExactlyElementsOf(seqs(stored));
      for (int i = 0; i < 3; i++) {
        assertThat(entries.get(i).payload()).isEqualTo(TelemetryCodec.encode(stored.get(i)));
      }
    }
  }

  /**
   * An outbox as the release before this one wrote it: the same schema, each reading's BLOB the
   * codec's encoding of the reading. It opens, and its bytes go out as they were stored.
   */
  @Test
  void anOutboxWrittenByThePreviousReleaseOpensAndHandsBackItsBytes() throws Exception {
    Reading r6 = reading(6);
    Reading r7 = reading(7);
    execute(
        "CREATE TABLE readings (seq INTEGER PRIMARY KEY, created_ms INTEGER NOT NULL,"
            + " payload BLOB NOT NULL)",
        "CREATE INDEX readings_created ON readings (created_ms)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        "INSERT INTO meta VALUES ('last_seq', 7), ('dropped', 0), ('running_ms', 0)");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
        var insert = c.prepareStatement("INSERT INTO readings VALUES (?, 0, ?)")) {
      for (Reading r : List.of(r6, r7)) {
        insert.setLong(1, r.seq());
        insert.setBytes(2, TelemetryCodec.encode(r));
        insert.executeUpdate();
      }
    }
    try (SqliteOutbox outbox = open()) {
      assertThat(outbox.depth()).isEqualTo(2);
      assertThat(outbox.lastSeq()).isEqualTo(7);
      List<Outbox.Entry> entries = outbox.peek(0, 10);
      assertThat(entries).extracting(Outbox.Entry::seq).containsExactly(6L, 7L);
      assertThat(entries.get(0).payload()).isEqualTo(TelemetryCodec.encode(r6));
      assertThat(entries.get(1).payload()).isEqualTo(TelemetryCodec.encode(r7));
      assertThat(StoredReadings.decode(entries)).containsExactly(r6, r7);
      assertThat(outbox.append(drafts(1))).extracting(Reading::seq).containsExactly(8L);
    }
  }

  private static Reading reading(long seq) {
    return new Reading(Versions.V1, "home", "pi-1", "s" + seq, seq, T0, 20.5, Quality.OK, "boot-0");
  }

  private static List<Long> seqs(List<Reading> readings) {
    return readings.stream().map(Reading::seq).toList();
  }

  /** A step after the database opened fails: the outbox's connections are closed, not leaked. */
  @Test
  void aFailedOpenLeavesNoConnectionToTheFileOpen() throws Exception {
    Path file = dir.resolve("outbox.db");
    LongSupplier broken =
        () -> {
          throw new IllegalStateException("monotonic clock unavailable");
        };
    assertThatThrownBy(() -> open(OutboxLimits.DEFAULT, clock, broken))
        .hasMessageContaining("monotonic clock unavailable");
    assertThat(openDescriptorsOf(file)).isEmpty();
    try (SqliteOutbox outbox = open()) {
      assertThat(openDescriptorsOf(file)).isNotEmpty();
    }
    assertThat(openDescriptorsOf(file)).isEmpty();
  }

  /** This process's open files that are {@code file} or its -wal/-shm files (Linux /proc). */
  private static List<Path> openDescriptorsOf(Path file) throws Exception {
    String name = file.toAbsolutePath().toString();
    List<Path> open = new ArrayList<>();
    try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : descriptors.toList()) {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.toString().startsWith(name)) {
            open.add(target);
          }
        } catch (java.io.IOException closedMeanwhile) {
          // The descriptor of the listing itself, or one closed since.
        }
      }
    }
    return open;
  }

  private void deleteOutbox() throws Exception {
    for (String name : List.of("outbox.db", "outbox.db-wal", "outbox.db-shm")) {
      Files.deleteIfExists(dir.resolve(name));
    }
  }

  private List<Path> movedAside() throws Exception {
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().matches("outbox\\.db\\.corrupt-\\d{8}T\\d{6}Z"))
          .toList();
    }
  }
}
