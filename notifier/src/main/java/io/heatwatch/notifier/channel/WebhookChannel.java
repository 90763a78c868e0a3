package io.heatwatch.notifier.channel;

/** Placeholder until the Webhook channel lands (next commit): every send fails. */
final class WebhookChannel implements Channel {
  private final String id;

  WebhookChannel(String id, WebhookSettings settings) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Outcome send(Message message) {
    return new Outcome.Failed("the Webhook channel is not built yet");
  }
}
