package io.heatwatch.job.notify;

import io.heatwatch.model.Alarm;

/**
 * What {@link NotificationScheduler} keeps per alarm: the alarm as last seen, how far its
 * escalation went and when its next step is due. Kept in every checkpoint and savepoint by this
 * class name: never move or rename it, nor rename, remove or retype a field; a new public field
 * with a default meaning "nothing yet" is fine.
 */
public class AlarmNotice {
  /** The alarm's highest version seen. */
  public Alarm alarm;

  /** When (processing time, epoch ms) the alarm was announced, as OPENED. */
  public long announcedAt;

  /** The escalation level reached, 1 after OPENED. */
  public int level;

  /** Reminders sent after the last level. */
  public int reminders;

  /** When the latest OPENED, ESCALATED or REMINDER was made (processing time, epoch ms). */
  public long lastAt;

  /** The processing-time timer of the next step, 0 when none is set. */
  public long nextAt;

  /** Whether someone acknowledged the alarm: the escalation stopped for good. */
  public boolean acknowledged;

  public AlarmNotice() {}
}
