package io.heatwatch.model;

import java.time.Instant;

/**
 * A notification intent: the job's decision that people should hear about an alarm now, value of
 * Kafka topic {@code heatwatch.notifications} (key = alarmId). The notifier decides who hears it
 * and through which channel.
 *
 * @param v wire contract version
 * @param alarmId the alarm it is about
 * @param alarmVersion the alarm's version when the intent was made
 * @param reason why people hear about the alarm now
 * @param level the escalation level the alarm has reached, 1 when it opens
 * @param count the reminder's number for {@link Reason#REMINDER} (1, 2, ...), 0 otherwise
 * @param at when the job made the intent (processing time)
 * @param alarm the alarm as it was when the intent was made
 */
public record Notification(
    int v,
    String alarmId,
    long alarmVersion,
    Reason reason,
    int level,
    int count,
    Instant at,
    Alarm alarm) {

  /** The highest escalation level an intent can name. */
  public static final int MAX_LEVEL = 20;

  public Notification {
    Check.version(v);
    Check.notEmpty("alarmId", alarmId);
    Check.maxLength("alarmId", alarmId, 200);
    if (alarmVersion < 1) {
      throw new InvalidPayloadException("alarmVersion", alarmVersion, "must be >= 1");
    }
    Check.notNull("reason", reason);
    if (level < 1 || level > MAX_LEVEL) {
      throw new InvalidPayloadException("level", level, "must be 1.." + MAX_LEVEL);
    }
    if (count < 0 || (reason == Reason.REMINDER) != (count > 0)) {
      throw new InvalidPayloadException(
          "count", count, "must be >= 1 for a REMINDER and 0 for any other reason");
    }
    Check.requiredInstant("at", at);
    Check.notNull("alarm", alarm);
    if (!alarm.alarmId().equals(alarmId)) {
      throw new InvalidPayloadException("alarm.alarmId", alarm.alarmId(), "must be " + alarmId);
    }
  }

  /**
   * The intent of contract version {@link Versions#V1} about {@code alarm} as it is now: its id and
   * version, made at {@code at}.
   */
  public static Notification about(Alarm alarm, Reason reason, int level, int count, Instant at) {
    return new Notification(
        Versions.V1, alarm.alarmId(), alarm.version(), reason, level, count, at, alarm);
  }

  /**
   * The intent's identity, the same however often the job makes it again (after a restore from a
   * checkpoint): {@code alarmId/reason/level/count}. Receivers drop an intent whose id they have
   * handled.
   */
  public String id() {
    return alarmId + "/" + reason + "/" + level + "/" + count;
  }

  /** Why people hear about an alarm now. */
  public enum Reason {
    /** The alarm opened: level 1 hears it. */
    OPENED,
    /** Nobody acknowledged the alarm within the next level's delay: that level hears it. */
    ESCALATED,
    /** The alarm is still open and unacknowledged: the current level hears it again. */
    REMINDER,
    /** Someone acknowledged the alarm: everyone told so far hears who took it. */
    ACKNOWLEDGED,
    /** The alarm's condition ended: everyone told so far hears it is over. */
    CLEARED,
    /**
     * Someone asked for a test of a channel ({@link ChannelTest}): only the channel and recipient
     * it names hear it, at once, and its alarm is a stand-in naming the channel.
     */
    TEST
  }
}
