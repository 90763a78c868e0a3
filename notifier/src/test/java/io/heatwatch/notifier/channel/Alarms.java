package io.heatwatch.notifier.channel;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A freezer's HIGH alarm at cold-store-b and the intents about it, for the channel tests. */
final class Alarms {
  static final Instant OPENED = Instant.parse("2024-05-01T10:00:00Z");

  private Alarms() {}

  static Alarm open(String deviceId) {
    return Alarm.builder()
        .alarmId(Alarm.idFor(deviceId, "t1", AlarmKind.HIGH, OPENED))
        .site("cold-store-b")
        .deviceId(deviceId)
        .kind(AlarmKind.HIGH)
        .severity(Severity.CRITICAL)
        .openedAt(OPENED)
        .updatedAt(OPENED)
        .value(-12.0)
        .threshold(-15.0)
        .message("freezer above -15 °C")
        .build();
  }

  static Alarm cleared(Alarm open) {
    Instant at = OPENED.plus(Duration.ofMinutes(42));
    return open.toBuilder()
        .version(open.version() + 1)
        .state(AlarmState.CLEARED)
        .updatedAt(at)
        .clearedAt(at)
        .excursion(new Alarm.Excursion(42 * 60, -9.5, -11.2, -10.9))
        .build();
  }

  static Alarm acknowledged(Alarm open, String by, String comment) {
    return open.toBuilder()
        .version(open.version() + 1)
        .state(AlarmState.ACKNOWLEDGED)
        .ackedBy(by)
        .ackComment(comment)
        .updatedAt(OPENED.plusSeconds(300))
        .build();
  }

  static Notification intent(Alarm alarm, Reason reason, int level, int count) {
    return Notification.about(alarm, reason, level, count, alarm.updatedAt());
  }

  static Notification opened(Alarm alarm) {
    return intent(alarm, Reason.OPENED, 1, 0);
  }

  static Message message(String id, String to, Notification... about) {
    return new Message(id, "Maria López", to, List.of(about), "https://hw.example/ack/tok-" + id);
  }
}
