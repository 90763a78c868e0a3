package io.heatwatch.notifier.channel;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.heatwatch.notifier.Secret;
import java.net.URI;
import java.time.Duration;

/**
 * A generic SMS-over-HTTP provider: a POST with a bearer token and a JSON body made from a
 * template.
 *
 * @param url the provider's send endpoint; https, or http only to a loopback host
 * @param token the bearer token ({@code env:NAME} or {@code file:/path})
 * @param bodyTemplate the JSON body, with {@code {to}} and {@code {text}} replaced by the
 *     JSON-escaped phone number and text; absent: {@code {"to":"{to}","text":"{text}"}}
 * @param maxLength the longest text sent, cut with "…" beyond; absent: 160 (one SMS)
 * @param timeout how long connecting and the answer may take; absent: 10 s
 */
public record SmsSettings(
    URI url,
    Secret token,
    String bodyTemplate,
    Integer maxLength,
    @JsonDeserialize(using = DurationText.class) Duration timeout)
    implements ChannelSettings {

  public static final String DEFAULT_BODY = "{\"to\":\"{to}\",\"text\":\"{text}\"}";

  /** The longest text a provider takes as one concatenated message (10 parts). */
  public static final int MAX_LENGTH = 1530;

  public SmsSettings {
    Hosts.httpUrl("url", url);
    if (token == null) {
      throw new IllegalArgumentException("token is missing (env:NAME or file:/path)");
    }
    bodyTemplate = bodyTemplate == null ? DEFAULT_BODY : bodyTemplate;
    SmsBody.check("bodyTemplate", bodyTemplate);
    maxLength = maxLength == null ? 160 : maxLength;
    if (maxLength < 10 || maxLength > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "maxLength must be 10.." + MAX_LENGTH + ", got " + maxLength);
    }
    timeout = timeout == null ? EmailSettings.DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
    }
  }

  @Override
  public Channel open(String id) {
    return new SmsChannel(id, this);
  }
}
