package io.heatwatch.edge.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.edge.AgentIdentity;
import io.heatwatch.edge.outbox.Outbox;
import io.heatwatch.edge.outbox.Outbox.Draft;
import io.heatwatch.edge.outbox.OutboxLimits;
import io.heatwatch.edge.outbox.SqliteOutbox;
import io.heatwatch.edge.outbox.StoredReadings;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Versions;
import io.heatwatch.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender's window, batches and replay, on a real outbox and a hand-driven uplink. */
class OutboxSenderTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final AgentIdentity ID = new AgentIdentity("home", "pi-1", "boot-1", "test");

  @TempDir Path dir;
  private final FakeUplink uplink = new FakeUplink();
  private SqliteOutbox outbox;
  private long first;

  @AfterEach
  void closeOutbox() {
    if (outbox != null) {
      outbox.close();
    }
  }

  /** A sender with {@code window} messages in flight of up to {@code batch} readings each. */
  private OutboxSender sender(int window, int batch, int readings) {
    outbox =
        SqliteOutbox.open(dir.resolve("outbox.db"), ID, OutboxLimits.DEFAULT, new ManualClock(T0));
    first = outbox.lastSeq() + 1;
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < readings; i++) {
      drafts.add(new Draft("t" + i % 3, T0.plusSeconds(i), 20.0 + i, Quality.OK));
    }
    outbox.append(drafts);
    return new OutboxSender(outbox, uplink, new Batching(window, batch));
  }

  /** The seqs each sent message carries, relative to the first seq of the outbox. */
  private List<List<Long>> sentSeqs() {
    List<List<Long>> messages = new ArrayList<>();
    for (FakeUplink.Sent message : uplink.sent) {
      messages.add(seqsOf(message.payload()));
    }
    return messages;
  }

  private List<Long> seqsOf(byte[] payload) {
    List<Reading> readings =
        payload[0] == '['
            ? TelemetryCodec.decodeReadings(payload)
            : List.of(TelemetryCodec.decodeReading(payload));
    return readings.stream().map(r -> r.seq() - first).toList();
  }

  private List<Long> waiting() {
    return StoredReadings.decode(outbox.peek(0, 1000)).stream().map(r -> r.seq() - first).toList();
  }

  @Test
  void noMoreThanTheWindowIsInFlightAndEachAckMakesRoomForOneMore() {
    OutboxSender sender = sender(2, 1, 5);
    sender.step();
    sender.step();
    assertThat(sentSeqs()).containsExactly(List.of(0L), List.of(1L));
    uplink.ack(0, 0);
    sender.step();
    assertThat(sentSeqs()).containsExactly(List.of(0L), List.of(1L), List.of(2L));
    assertThat(waiting()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(sender.delivered()).isEqualTo(1);
  }

  @Test
  void theOutboxGoesOutInBatchesOfTheStoredBytesJoined() {
    OutboxSender sender = sender(8, 3, 7);
    sender.step();
    assertThat(sentSeqs()).containsExactly(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L), List.of(6L));
    List<Outbox.Entry> stored = outbox.peek(0, 10);
    assertThat(uplink.sent.get(0).payload())
        .isEqualTo(TelemetryCodec.encode(StoredReadings.decode(stored.subList(0, 3))));
    assertThat(uplink.sent.get(2).payload()).isEqualTo(stored.get(6).payload());
  }

  @Test
  void aPubackRemovesExactlyItsMessagesReadingsWhateverOrderTheyCome() {
    OutboxSender sender = sender(8, 2, 6);
    sender.step();
    uplink.ack(1, 0);
    sender.step();
    assertThat(waiting()).containsExactly(0L, 1L, 4L, 5L);
    uplink.ack(2, 0);
    uplink.ack(0, 0);
    sender.step();
    assertThat(waiting()).isEmpty();
    assertThat(sender.delivered()).isEqualTo(6);
    assertThat(sentSeqs()).hasSize(3);
  }

  @Test
  void afterAReconnectEverythingUnacknowledgedIsSentAgainOldestFirst() {
    OutboxSender sender = sender(2, 2, 7);
    sender.step();
    uplink.ack(0, 0);
    sender.step();
    assertThat(sentSeqs()).containsExactly(List.of(0L, 1L), List.of(2L, 3L), List.of(4L, 5L));
    uplink.drop();
    sender.step();
    assertThat(uplink.sent).hasSize(3);
    uplink.reconnect();
    sender.step();
    assertThat(sentSeqs().subList(3, 5)).containsExactly(List.of(2L, 3L), List.of(4L, 5L));
    uplink.ack(3, 0);
    uplink.ack(4, 0);
    sender.step();
    uplink.ack(5, 0);
    sender.step();
    assertThat(sentSeqs().subList(5, 6)).containsExactly(List.of(6L));
    assertThat(waiting()).isEmpty();
    assertThat(sender.delivered()).isEqualTo(7);
  }

  @Test
  void aMessageTheClientRefusesAtOnceIsSentOnTheNextRound() {
    OutboxSender sender = sender(8, 1, 3);
    uplink.clientRoom = 1;
    sender.step();
    assertThat(sentSeqs()).containsExactly(List.of(0L));
    uplink.clientRoom = -1;
    sender.step();
    assertThat(sentSeqs()).containsExactly(List.of(0L), List.of(1L), List.of(2L));
  }

  @Test
  void aRefusedPubackKeepsTheReadingsCountsThemAndPausesTheSender() {
    OutboxSender sender = sender(1, 2, 4);
    sender.step();
    uplink.ack(0, 0x87);
    sender.step();
    assertThat(sender.refused()).isEqualTo(2);
    assertThat(sender.delivered()).isZero();
    assertThat(waiting()).containsExactly(0L, 1L, 2L, 3L);
    assertThat(uplink.sent).hasSize(1);
  }

  @Test
  void aBatchIsTheStoredBytesJoinedByteForByteAsTheCodecEncodesTheList() {
    List<Reading> readings = new ArrayList<>();
    List<Outbox.Entry> entries = new ArrayList<>();
    for (long seq = 1; seq <= 4; seq++) {
      Reading reading =
          new Reading(
              Versions.V1,
              "home",
              "pi-1",
              "t" + seq % 3,
              seq,
              T0.plusSeconds(seq),
              20.0 + seq / 8.0,
              Quality.OK,
              "boot-1");
      readings.add(reading);
      entries.add(new Outbox.Entry(seq, TelemetryCodec.encode(reading)));
    }
    assertThat(OutboxSender.payload(entries)).isEqualTo(TelemetryCodec.encode(readings));
    assertThat(OutboxSender.payload(entries.subList(0, 1)))
        .isEqualTo(TelemetryCodec.encode(readings.get(0)));
  }
}
