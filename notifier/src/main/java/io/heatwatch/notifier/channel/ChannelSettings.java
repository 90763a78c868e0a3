package io.heatwatch.notifier.channel;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A channel's settings as read from the notifier's YAML; Jackson binds the records, choosing the
 * kind by the {@code type} key: {@code email}, {@code webhook} or {@code sms}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = EmailSettings.class, name = "email"),
  @JsonSubTypes.Type(value = WebhookSettings.class, name = "webhook"),
  @JsonSubTypes.Type(value = SmsSettings.class, name = "sms")
})
public sealed interface ChannelSettings permits EmailSettings, WebhookSettings, SmsSettings {
  /**
   * Builds the channel called {@code id}; invalid settings throw {@link IllegalArgumentException}
   * naming the field.
   */
  Channel open(String id);
}
