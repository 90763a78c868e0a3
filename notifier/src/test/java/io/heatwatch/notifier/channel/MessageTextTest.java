package io.heatwatch.notifier.channel;

import static io.heatwatch.notifier.channel.Alarms.intent;
import static io.heatwatch.notifier.channel.Alarms.message;
import static io.heatwatch.notifier.channel.Alarms.opened;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTextTest {
  private final Alarm alarm = Alarms.open("freezer-2");

  @Test
  void subjectSaysSeverityKindPlaceAndValueAgainstThreshold() {
    assertThat(MessageText.subject(message("n1", null, opened(alarm))))
        .isEqualTo("[CRITICAL] HIGH cold-store-b/freezer-2 -12.0 °C > -15 °C");
  }

  @Test
  void aKindWithoutATemperatureSaysItsMessageNotANumberAgainstANumber() {
    Alarm site =
        alarm.toBuilder()
            .alarmId("heatwatch-pipeline:cold-store-b:SITE_UNREACHABLE:1")
            .deviceId("heatwatch-pipeline")
            .sensorId("cold-store-b")
            .kind(Alarm.AlarmKind.SITE_UNREACHABLE)
            .value(8.0)
            .threshold(10.0)
            .message("site cold-store-b unreachable: 8 of 10 devices offline")
            .build();
    assertThat(MessageText.subject(message("n", null, opened(site))))
        .isEqualTo(
            "[CRITICAL] SITE_UNREACHABLE cold-store-b: site cold-store-b unreachable: 8 of 10"
                + " devices offline");
    Alarm offline =
        alarm.toBuilder()
            .alarmId("pi-7:-:DEVICE_OFFLINE:1")
            .deviceId("pi-7")
            .sensorId(null)
            .kind(Alarm.AlarmKind.DEVICE_OFFLINE)
            .value(0.0)
            .threshold(0.0)
            .message("pi-7 went offline (status OFFLINE)")
            .build();
    assertThat(MessageText.subject(message("n", null, opened(offline))))
        .isEqualTo(
            "[CRITICAL] DEVICE_OFFLINE cold-store-b/pi-7: pi-7 went offline (status OFFLINE)");
  }

  @Test
  void subjectSaysWhyNow() {
    assertThat(MessageText.subject(message("n", null, intent(alarm, Reason.ESCALATED, 2, 0))))
        .startsWith("[CRITICAL] ESCALATED (level 2) HIGH cold-store-b/freezer-2");
    assertThat(MessageText.subject(message("n", null, intent(alarm, Reason.REMINDER, 1, 3))))
        .startsWith("[CRITICAL] REMINDER 3 HIGH");
    Alarm acked = Alarms.acknowledged(alarm, "maria", "on my way");
    assertThat(MessageText.subject(message("n", null, intent(acked, Reason.ACKNOWLEDGED, 1, 0))))
        .isEqualTo("[CRITICAL] ACKNOWLEDGED HIGH cold-store-b/freezer-2 by maria");
    assertThat(
            MessageText.subject(
                message("n", null, intent(Alarms.cleared(alarm), Reason.CLEARED, 1, 0))))
        .isEqualTo("[CLEARED] HIGH cold-store-b/freezer-2 cleared after 42 min");
  }

  @Test
  void bodyHasTheDetailsTheExcursionWhoAcknowledgedAndTheLink() {
    String cleared =
        MessageText.body(message("n", null, intent(Alarms.cleared(alarm), Reason.CLEARED, 1, 0)));
    assertThat(cleared)
        .contains("site cold-store-b, device freezer-2")
        .contains("Excursion: 42 min, peak -9.5 °C, mean -11.2 °C, MKT -10.9 °C")
        .contains("I'm on it: https://hw.example/ack/tok-n");

    Alarm acked = Alarms.acknowledged(alarm, "maria", "on my way");
    assertThat(MessageText.body(message("n", null, intent(acked, Reason.ACKNOWLEDGED, 1, 0))))
        .contains("acknowledged by maria: \"on my way\"");
  }

  @Test
  void aGroupIsSummedUpAndListedWithinTheBound() {
    List<Notification> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(opened(Alarms.open("freezer-" + i)));
    }
    Message group = new Message("g", null, null, many, null);

    assertThat(MessageText.subject(group)).isEqualTo("[CRITICAL] 30 alarms at cold-store-b");
    assertThat(MessageText.body(group)).contains("… and 10 more");
    assertThat(MessageText.body(group).length()).isLessThanOrEqualTo(MessageText.MAX_BODY);
  }

  @Test
  void longTextsAreCutWithAnEllipsis() {
    Alarm wordy = alarm.toBuilder().message("x".repeat(500)).build();
    Message m = message("n", null, opened(wordy));

    assertThat(MessageText.body(m).length()).isLessThanOrEqualTo(MessageText.MAX_BODY);
    assertThat(MessageText.shortText(m, 40)).hasSize(40).endsWith("…");
    assertThat(MessageText.cut("a😀b", 3)).isEqualTo("a…");
  }
}
