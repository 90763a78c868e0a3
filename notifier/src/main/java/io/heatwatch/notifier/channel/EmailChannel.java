package io.heatwatch.notifier.channel;

/** Placeholder until the Email channel lands (next commit): every send fails. */
final class EmailChannel implements Channel {
  private final String id;

  EmailChannel(String id, EmailSettings settings) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Outcome send(Message message) {
    return new Outcome.Failed("the Email channel is not built yet");
  }
}
