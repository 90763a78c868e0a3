package io.heatwatch.notifier.deliver;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import java.time.Instant;

/** Intents for tests: a HIGH alarm at site "home" and its intents. */
public final class Intents {
  private Intents() {}

  public static Alarm alarm(String alarmId, Instant at) {
    return Alarm.builder()
        .alarmId(alarmId)
        .site("home")
        .deviceId("dev-1")
        .sensorId("t1")
        .kind(AlarmKind.HIGH)
        .severity(Severity.CRITICAL)
        .openedAt(at)
        .updatedAt(at)
        .value(9.5)
        .threshold(8.0)
        .message("t1 above 8.0 °C")
        .build();
  }

  public static Notification intent(Alarm alarm, Reason reason, int level, int count) {
    return Notification.about(alarm, reason, level, count, alarm.updatedAt());
  }
}
