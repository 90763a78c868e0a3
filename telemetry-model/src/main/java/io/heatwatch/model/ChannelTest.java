package io.heatwatch.model;

import java.time.Instant;

/**
 * A request to test one notification channel, made in the console: value of Kafka topic {@code
 * heatwatch.notifier-settings} under key {@code test/<testId>}. The notifier sends a test message
 * through the channel (to the recipient, for a channel that needs one) and records it in its
 * delivery log under {@link #alarmId()}, where the console shows whether it arrived.
 *
 * @param v wire contract version
 * @param testId the request's id, unique per request
 * @param channel the channel to test, by its id in the notifier's configuration
 * @param recipient the recipient whose address the message goes to (e-mail, SMS), or {@code null}
 *     for a channel with one fixed address (a webhook)
 * @param by who asked for it
 * @param at when they asked
 */
public record ChannelTest(
    int v, String testId, String channel, String recipient, String by, Instant at) {

  /** The prefix of the delivery-log alarm id a test is recorded under. */
  public static final String ALARM_ID_PREFIX = "test-";

  public ChannelTest {
    Check.version(v);
    Check.notEmpty("testId", testId);
    Check.maxLength("testId", testId, 64);
    Check.notEmpty("channel", channel);
    Check.maxLength("channel", channel, 100);
    Check.maxLength("recipient", recipient, 100);
    if (recipient != null && recipient.isEmpty()) {
      throw new InvalidPayloadException("recipient", recipient, "must be null or not empty");
    }
    Check.notEmpty("by", by);
    Check.maxLength("by", by, 200);
    Check.requiredInstant("at", at);
  }

  /** The request of contract version {@link Versions#V1}. */
  public static ChannelTest of(
      String testId, String channel, String recipient, String by, Instant at) {
    return new ChannelTest(Versions.V1, testId, channel, recipient, by, at);
  }

  /** The alarm id the test's deliveries are recorded under: {@code test-<testId>}. */
  public String alarmId() {
    return ALARM_ID_PREFIX + testId;
  }

  /** The key the request has on {@code heatwatch.notifier-settings}. */
  public String key() {
    return "test/" + testId;
  }
}
