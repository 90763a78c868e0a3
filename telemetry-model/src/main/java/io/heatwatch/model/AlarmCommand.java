package io.heatwatch.model;

import java.time.Instant;

/**
 * An operator's command on one alarm, sent to {@code heatwatch.alarm-commands} (key = alarmId); the
 * job, which alone owns alarm state, applies it.
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
