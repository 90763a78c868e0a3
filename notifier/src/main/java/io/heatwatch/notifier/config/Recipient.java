package io.heatwatch.notifier.config;

import io.heatwatch.notifier.route.QuietHours;
import java.util.Objects;

/**
 * A person who can be notified.
 *
 * @param id the id policies name the recipient by
 * @param name the name messages address
 * @param email the e-mail address, or null
 * @param phone the phone number for SMS (E.164), or null
 * @param quietHours when warnings wait for the recipient, or null
 */
public record Recipient(String id, String name, String email, String phone, QuietHours quietHours) {
  public Recipient {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
