package io.heatwatch.edge.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.edge.outbox.Outbox;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Versions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender's window, batches and replay, against a hand-written uplink and outbox. */
class OutboxSenderTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  static Reading reading(long seq) {
    return new Reading(
        Versions.V1,
        "home",
        "pi-1",
        "t" + seq % 3,
        seq,
        T0.plusSeconds(seq),
        20.0 + seq / 8.0,
        Quality.OK,
        "boot-1");
  }

  static Outbox.Entry entry(long seq) {
    return new Outbox.Entry(seq, TelemetryCodec.encode(reading(seq)));
  }

  @Test
  void aBatchIsTheStoredBytesJoinedByteForByteAsTheCodecEncodesTheList() {
    List<Reading> readings = new ArrayList<>();
    List<Outbox.Entry> entries = new ArrayList<>();
    for (long seq = 1; seq <= 4; seq++) {
      readings.add(reading(seq));
      entries.add(entry(seq));
    }
    assertThat(OutboxSender.payload(entries)).isEqualTo(TelemetryCodec.encode(readings));
    assertThat(OutboxSender.payload(entries.subList(0, 1)))
        .isEqualTo(TelemetryCodec.encode(readings.get(0)));
  }
}
