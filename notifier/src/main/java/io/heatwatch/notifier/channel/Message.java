package io.heatwatch.notifier.channel;

import io.heatwatch.model.Notification;
import java.util.List;
import java.util.Objects;

/**
 * What to deliver to one recipient through one channel.
 *
 * @param id the notification id (deterministic); it goes out as Message-ID / webhook-id so a
 *     receiver can drop a repeat
 * @param recipientName the recipient's name as configured, or null for a channel that posts to one
 *     fixed place
 * @param to the recipient's address on this channel (e-mail address, phone number), null for
 *     channels that post to one fixed place (Slack room, ntfy topic)
 * @param about one intent, or several when messages are grouped (never empty)
 * @param ackUrl the "I'm on it" link, or null
 */
public record Message(
    String id, String recipientName, String to, List<Notification> about, String ackUrl) {
  public Message {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, got " + id);
    }
    if (id.chars().anyMatch(Character::isISOControl)) {
      // it goes out as a header value (Message-ID, webhook-id)
      throw new IllegalArgumentException("id must not hold control characters, got " + id.strip());
    }
    Objects.requireNonNull(about, "about");
    if (about.isEmpty()) {
      throw new IllegalArgumentException("about must hold at least one intent, got none");
    }
    about = List.copyOf(about);
  }

  /** The first intent: the one a single message is about, the earliest of a group. */
  public Notification first() {
    return about.get(0);
  }
}
