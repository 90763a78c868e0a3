package io.heatwatch.notifier.channel;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * Posts alarms to an HTTP endpoint in one of the presets' shapes, every request with the Standard
 * Webhooks headers, so a receiver can check where it came from, when, and drop a repeat.
 */
final class WebhookChannel implements Channel {
  private final String id;
  private final WebhookSettings settings;
  private final WebhookSigner signer;
  private final HttpClient client;
  private final Clock clock;

  WebhookChannel(String id, WebhookSettings settings) {
    this(id, settings, Clock.systemUTC());
  }

  WebhookChannel(String id, WebhookSettings settings, Clock clock) {
    this.id = id;
    this.settings = settings;
    this.signer = settings.secret() == null ? null : new WebhookSigner(settings.secret());
    this.client = HttpOutcomes.client(settings.timeout());
    this.clock = clock;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Outcome send(Message message) {
    WebhookBodies.Rendered r = WebhookBodies.render(settings.preset(), message);
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.timeout())
            .header("Content-Type", r.contentType())
            .header("User-Agent", "heatwatch-notifier")
            .header("webhook-id", message.id())
            .header("webhook-timestamp", String.valueOf(timestamp))
            .POST(HttpRequest.BodyPublishers.ofString(r.body()));
    if (signer != null) {
      b.header("webhook-signature", signer.sign(message.id(), timestamp, r.body()));
    }
    r.headers().forEach(b::header);
    return HttpOutcomes.send(client, b.build(), clock);
  }
}
