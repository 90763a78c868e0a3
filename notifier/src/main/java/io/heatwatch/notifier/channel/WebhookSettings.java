package io.heatwatch.notifier.channel;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.heatwatch.notifier.Secret;
import java.net.URI;
import java.time.Duration;

/**
 * An HTTP endpoint that receives alarms: a receiver of our own (GENERIC, signed) or a chat or push
 * service's incoming webhook.
 *
 * @param url where to POST; https, or http only to a loopback host
 * @param preset the body's shape; absent: GENERIC
 * @param secret the Standard Webhooks signing secret {@code whsec_<base64>} ({@code env:NAME} or
 *     {@code file:/path}); required for GENERIC, optional for the presets, whose services do not
 *     check it
 * @param timeout how long connecting and the answer may take; absent: 10 s
 */
public record WebhookSettings(
    URI url,
    Preset preset,
    Secret secret,
    @JsonDeserialize(using = DurationText.class) Duration timeout)
    implements ChannelSettings {

  /** The body shapes the channel can send. */
  public enum Preset {
    /** heatwatch's own JSON event, signed, for a receiver that checks the signature. */
    GENERIC,
    /** A Slack incoming webhook: {@code {"text": ...}}. */
    SLACK,
    /** A Mattermost incoming webhook: {@code {"text": ...}}. */
    MATTERMOST,
    /** A Microsoft Teams incoming webhook: a MessageCard. */
    TEAMS,
    /** An ntfy topic URL: the text as body, title and priority in headers. */
    NTFY
  }

  public WebhookSettings {
    Hosts.httpUrl("url", url);
    preset = preset == null ? Preset.GENERIC : preset;
    if (preset == Preset.GENERIC && secret == null) {
      throw new IllegalArgumentException(
          "secret is required for preset GENERIC: receivers check every request's signature");
    }
    if (secret != null) {
      WebhookSigner.key(secret); // refuses a secret that is not whsec_<base64>, naming the field
    }
    timeout = timeout == null ? EmailSettings.DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
    }
  }

  @Override
  public Channel open(String id) {
    return new WebhookChannel(id, this);
  }
}
