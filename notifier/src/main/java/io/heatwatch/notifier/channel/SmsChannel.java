package io.heatwatch.notifier.channel;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * Sends a text message through a generic SMS-over-HTTP provider: a POST with a bearer token and the
 * JSON body the settings' template makes.
 */
final class SmsChannel implements Channel {
  private final String id;
  private final SmsSettings settings;
  private final HttpClient client;
  private final Clock clock;

  SmsChannel(String id, SmsSettings settings) {
    this(id, settings, Clock.systemUTC());
  }

  SmsChannel(String id, SmsSettings settings, Clock clock) {
    this.id = id;
    this.settings = settings;
    this.client = HttpOutcomes.client(settings.timeout());
    this.clock = clock;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Outcome send(Message message) {
    if (message.to() == null || message.to().isBlank()) {
      return new Outcome.Failed("no phone number for " + message.recipientName());
    }
    String text = MessageText.shortText(message, settings.maxLength());
    HttpRequest request =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "heatwatch-notifier")
            .header("Authorization", "Bearer " + settings.token().reveal())
            // Providers that honour it drop a repeat; the others ignore it.
            .header("Idempotency-Key", message.id())
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    SmsBody.fill(settings.bodyTemplate(), message.to(), text)))
            .build();
    return HttpOutcomes.send(client, request, clock);
  }
}
