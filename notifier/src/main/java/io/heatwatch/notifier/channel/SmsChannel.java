package io.heatwatch.notifier.channel;

/** Placeholder until the Sms channel lands (next commit): every send fails. */
final class SmsChannel implements Channel {
  private final String id;

  SmsChannel(String id, SmsSettings settings) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Outcome send(Message message) {
    return new Outcome.Failed("the Sms channel is not built yet");
  }
}
