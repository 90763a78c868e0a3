package io.heatwatch.notifier.ack;

import java.time.Instant;
import java.util.Objects;

/** A link that has been used: who acknowledged which alarm, and when. */
public record UsedAck(String alarmId, String by, Instant at) {
  public UsedAck {
    Objects.requireNonNull(alarmId, "alarmId");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }
}
