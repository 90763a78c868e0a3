package io.heatwatch.notifier.ack;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified acknowledgement link says: who may acknowledge which alarm until when; the nonce
 * makes the link one-time.
 */
public record AckToken(String alarmId, String recipientId, Instant expiresAt, String nonce) {
  public AckToken {
    Objects.requireNonNull(alarmId, "alarmId");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(nonce, "nonce");
    if (alarmId.isBlank()) {
      throw new IllegalArgumentException("alarmId must not be blank");
    }
    if (recipientId.isBlank()) {
      throw new IllegalArgumentException("recipientId must not be blank");
    }
  }
}
