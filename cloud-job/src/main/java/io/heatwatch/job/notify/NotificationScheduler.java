package io.heatwatch.job.notify;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decides when people hear about an alarm, keyed by alarmId: OPENED when it first opens, ESCALATED
 * to the next level when nobody acknowledged it within that level's delay ({@link Escalation}),
 * REMINDER after the last level, ACKNOWLEDGED and CLEARED to everyone told so far. The steps run on
 * processing-time timers kept with the state in checkpoints, so a restored job goes on with an
 * escalation without announcing again what it had announced.
 *
 * <p>Alarm versions arrive at least once: a version not above the highest seen changes nothing. An
 * alarm first seen already cleared was never announced and is not.
 */
public final class NotificationScheduler extends KeyedProcessFunction<String, Alarm, Notification> {
  private static final long serialVersionUID = 1L;

  private final Escalation escalation;
  private transient ValueState<AlarmNotice> state;

  /** A scheduler escalating on {@code escalation}. */
  public NotificationScheduler(Escalation escalation) {
    this.escalation = escalation;
  }

  @Override
  public void open(OpenContext context) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("alarm-notice", TypeInformation.of(AlarmNotice.class)));
  }

  @Override
  public void processElement(Alarm alarm, Context ctx, Collector<Notification> out)
      throws Exception {
    AlarmNotice notice = state.value();
    long now = ctx.timerService().currentProcessingTime();
    if (notice == null) {
      if (alarm.state() != AlarmState.CLEARED) {
        state.update(announce(alarm, now, ctx.timerService(), out));
      }
      return;
    }
    if (alarm.version() <= notice.alarm.version()) {
      return;
    }
    Alarm before = notice.alarm;
    notice.alarm = alarm;
    switch (alarm.state()) {
      case CLEARED -> {
        stop(notice, ctx.timerService());
        out.collect(intent(notice, Reason.CLEARED, 0, now));
        state.clear();
        return;
      }
      case ACKNOWLEDGED -> {
        if (!notice.acknowledged) {
          notice.acknowledged = true;
          stop(notice, ctx.timerService());
          out.collect(intent(notice, Reason.ACKNOWLEDGED, 0, now));
        }
      }
      case OPEN -> {
        if (!notice.acknowledged && before.severity() != alarm.severity()) {
          // the remaining levels follow the new severity's schedule, from the same opening
          stop(notice, ctx.timerService());
          plan(notice, ctx.timerService(), now);
        }
      }
    }
    state.update(notice);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Notification> out)
      throws Exception {
    AlarmNotice notice = state.value();
    if (notice == null || notice.acknowledged || timestamp != notice.nextAt) {
      return;
    }
    notice.nextAt = 0;
    if (escalation.levelDelayMs(notice.alarm.severity(), notice.level + 1) >= 0) {
      notice.level++;
      out.collect(intent(notice, Reason.ESCALATED, 0, timestamp));
    } else {
      notice.reminders++;
      out.collect(intent(notice, Reason.REMINDER, notice.reminders, timestamp));
    }
    notice.lastAt = timestamp;
    plan(notice, ctx.timerService(), timestamp);
    state.update(notice);
  }

  private AlarmNotice announce(
      Alarm alarm, long now, TimerService timers, Collector<Notification> out) {
    AlarmNotice notice = new AlarmNotice();
    notice.alarm = alarm;
    notice.announcedAt = now;
    notice.lastAt = now;
    notice.level = 1;
    out.collect(intent(notice, Reason.OPENED, 0, now));
    if (alarm.state() == AlarmState.ACKNOWLEDGED) {
      notice.acknowledged = true;
      out.collect(intent(notice, Reason.ACKNOWLEDGED, 0, now));
    } else {
      plan(notice, timers, now);
    }
    return notice;
  }

  /**
   * Sets the timer of the notice's next step, if it has one; a step already due (a warning that
   * became critical after the critical's level-2 delay) goes at {@code now}.
   */
  private void plan(AlarmNotice notice, TimerService timers, long now) {
    long delay = escalation.levelDelayMs(notice.alarm.severity(), notice.level + 1);
    long at;
    if (delay >= 0) {
      at = notice.announcedAt + delay;
    } else {
      long reminder = escalation.reminderMs(notice.alarm.severity());
      if (reminder <= 0) {
        return;
      }
      at = notice.lastAt + reminder;
    }
    notice.nextAt = Math.max(at, now);
    timers.registerProcessingTimeTimer(notice.nextAt);
  }

  private static void stop(AlarmNotice notice, TimerService timers) {
    if (notice.nextAt != 0) {
      timers.deleteProcessingTimeTimer(notice.nextAt);
      notice.nextAt = 0;
    }
  }

  private static Notification intent(AlarmNotice notice, Reason reason, int count, long at) {
    return Notification.about(notice.alarm, reason, notice.level, count, Instant.ofEpochMilli(at));
  }
}
