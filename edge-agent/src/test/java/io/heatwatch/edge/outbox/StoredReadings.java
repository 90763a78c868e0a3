package io.heatwatch.edge.outbox;

import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.util.List;

/** Decodes what an outbox holds, so tests can state it as readings. */
public final class StoredReadings {
  private StoredReadings() {}

  /** The readings {@code entries} hold, in their order. */
  public static List<Reading> decode(List<Outbox.Entry> entries) {
    return entries.stream().map(e -> TelemetryCodec.decodeReading(e.payload())).toList();
  }
}
