package io.heatwatch.notifier.deliver;

import io.heatwatch.notifier.config.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A notification's id: the same for the same intent, recipient and channel however often the intent
 * arrives, so the delivery log and the far end (Message-ID, webhook-id) can drop a repeat.
 */
public final class NotificationIds {
  private NotificationIds() {}

  /** Hex of the first 16 bytes of SHA-256 over the intent's id, the recipient and the channel. */
  public static String of(String intentId, Target target) {
    String key =
        intentId
            + "\n"
            + (target.recipient() == null ? "" : target.recipient())
            + "\n"
            + target.channel();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(Arrays.copyOf(hash, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
