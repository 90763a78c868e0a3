package io.heatwatch.notifier.config;

import java.util.Objects;

/**
 * A person who can be notified.
 *
 * @param id the id policies name the recipient by
 * @param name the name messages address
 * @param email the e-mail address, or null
 * @param phone the phone number for SMS (E.164), or null
 */
public record Recipient(String id, String name, String email, String phone) {
  public Recipient {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
