package io.heatwatch.job.notify;

import io.heatwatch.model.Alarm;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys alarm versions by their alarm, so one alarm's escalation is kept in one place. */
public final class AlarmIdKey implements KeySelector<Alarm, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(Alarm alarm) {
    return alarm.alarmId();
  }
}
