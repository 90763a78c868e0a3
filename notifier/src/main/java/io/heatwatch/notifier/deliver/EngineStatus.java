package io.heatwatch.notifier.deliver;

import java.time.Instant;
import java.util.Map;

/**
 * What {@code /health} shows.
 *
 * @param consumerLag intents not yet read, -1 until known
 * @param channels per channel id: what waits and when it last delivered
 * @param notificationFailed per channel with an open NOTIFICATION_FAILED, its alarm id
 * @param unmatchedIntents intents whose alarm no policy matched (nobody notified)
 * @param malformedIntents intents that could not be read and were skipped
 */
public record EngineStatus(
    long consumerLag,
    Map<String, ChannelStatus> channels,
    Map<String, String> notificationFailed,
    long unmatchedIntents,
    long malformedIntents) {

  /**
   * One channel.
   *
   * @param pending notifications waiting for it
   * @param lastSuccess when it last delivered, or null
   * @param waitingSince since when messages wait with no delivery, or null
   */
  public record ChannelStatus(int pending, Instant lastSuccess, Instant waitingSince) {}
}
