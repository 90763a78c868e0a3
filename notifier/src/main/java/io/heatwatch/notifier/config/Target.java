package io.heatwatch.notifier.config;

import java.util.Objects;

/**
 * One destination of a level: a recipient through a channel (an e-mail, an SMS), or a channel alone
 * (a team's webhook), then {@code recipient} is null.
 *
 * @param recipient the recipient's id, or null for a channel that reaches a team by itself
 * @param channel the channel's id
 */
public record Target(String recipient, String channel) {
  public Target {
    Objects.requireNonNull(channel, "channel");
  }

  /** How the target reads in logs: {@code maria via ops-mail}, {@code ops-slack}. */
  @Override
  public String toString() {
    return recipient == null ? channel : recipient + " via " + channel;
  }
}
