package io.heatwatch.model;

import java.time.Instant;

/**
 * An operator's command on one alarm, sent to {@code heatwatch.alarm-commands} (key = alarmId); the
 * owner of the alarm applies it ({@link #applyTo}): the job for the alarms it raises, the watchdog
 * for PIPELINE_STALLED.
 *
 * @param v wire contract version
 * @param alarmId the alarm the command is for
 * @param action what to do
 * @param by the operator who sent it
 * @param comment the operator's comment, may be {@code null}
 * @param ts when the operator sent it
 */
public record AlarmCommand(
    int v, String alarmId, Action action, String by, String comment, Instant ts) {

  public AlarmCommand {
    Check.version(v);
    Check.notEmpty("alarmId", alarmId);
    Check.maxLength("alarmId", alarmId, 200);
    Check.notNull("action", action);
    Check.notEmpty("by", by);
    Check.maxLength("by", by, 200);
    Check.maxLength("comment", comment, 500);
    Check.requiredInstant("ts", ts);
  }

  /** The command of contract version {@link Versions#V1}. */
  public static AlarmCommand of(
      String alarmId, Action action, String by, String comment, Instant ts) {
    return new AlarmCommand(Versions.V1, alarmId, action, by, comment, ts);
  }

  /** The contract's longest alarm message. */
  private static final int MAX_MESSAGE = 500;

  /**
   * The version of {@code active} (an OPEN or ACKNOWLEDGED alarm, the one this command names) after
   * the command, for whichever service owns the alarm to write: ACKNOWLEDGE an OPEN alarm ({@code
   * null} if it is acknowledged already), or RESOLVE it, CLEARED with the operator and comment as
   * its reason. A resolved alarm's condition is not judged: one that still holds opens a new alarm,
   * with a new id, the next time it is found.
   */
  public Alarm applyTo(Alarm active) {
    return switch (action) {
      case ACKNOWLEDGE ->
          active.state() != Alarm.AlarmState.OPEN
              ? null
              : active.toBuilder()
                  .version(active.version() + 1)
                  .updatedAt(ts)
                  .state(Alarm.AlarmState.ACKNOWLEDGED)
                  .clearedAt(null)
                  .ackedBy(by)
                  .ackComment(comment)
                  .build();
      case RESOLVE -> {
        Instant at = active.updatedAt().isAfter(ts) ? active.updatedAt() : ts;
        String why = "resolved by " + by + (comment == null ? "" : ": " + comment);
        yield active.toBuilder()
            .version(active.version() + 1)
            .updatedAt(at)
            .state(Alarm.AlarmState.CLEARED)
            .clearedAt(at)
            .message(why.length() > MAX_MESSAGE ? why.substring(0, MAX_MESSAGE) : why)
            .build();
      }
    };
  }

  /** What a command does to its alarm. */
  public enum Action {
    /** An operator has seen the alarm; it stays until its condition ends. */
    ACKNOWLEDGE,
    /**
     * An operator closes an alarm whose condition can no longer end by itself (a sensor removed, a
     * stale alarm): it is CLEARED with the operator's name and comment as its reason.
     */
    RESOLVE
  }
}
