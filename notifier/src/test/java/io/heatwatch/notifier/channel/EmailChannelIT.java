package io.heatwatch.notifier.channel;

import static io.heatwatch.notifier.channel.Alarms.intent;
import static io.heatwatch.notifier.channel.Alarms.message;
import static io.heatwatch.notifier.channel.Alarms.opened;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Notification.Reason;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailChannelIT {
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(
          new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private static EmailSettings settings(int port) {
    return new EmailSettings(
        "127.0.0.1",
        port,
        EmailSettings.Tls.NONE,
        null,
        null,
        "heatwatch@example.com",
        Duration.ofSeconds(2));
  }

  @Test
  void deliversOpenedAndClearedAsOneThreadWithTheHeaders() throws Exception {
    Alarm alarm = Alarms.open("freezer-2");
    try (Channel mail = settings(SMTP.getSmtp().getPort()).open("ops-mail")) {
      Outcome first = mail.send(message("n-open", "maria@example.com", opened(alarm)));
      Outcome second =
          mail.send(
              message(
                  "n-clear",
                  "maria@example.com",
                  intent(Alarms.cleared(alarm), Reason.CLEARED, 1, 0)));

      assertThat(first).isInstanceOf(Outcome.Delivered.class);
      assertThat(second).isInstanceOf(Outcome.Delivered.class);
    }

    assertThat(SMTP.waitForIncomingEmail(5_000, 2)).isTrue();
    MimeMessage[] got = SMTP.getReceivedMessages();
    MimeMessage opened = got[0];
    MimeMessage cleared = got[1];
    String thread = "<freezer-2%3At1%3AHIGH%3A1714557600000@heatwatch>";
    assertThat(opened.getHeader("Message-ID", null)).isEqualTo("<n-open@heatwatch>");
    assertThat(cleared.getHeader("Message-ID", null)).isEqualTo("<n-clear@heatwatch>");
    for (MimeMessage m : got) {
      assertThat(m.getHeader("In-Reply-To", null)).isEqualTo(thread);
      assertThat(m.getHeader("References", null)).isEqualTo(thread);
      assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
      assertThat(m.getHeader("X-Heatwatch-Alarm-Id", null)).isEqualTo(alarm.alarmId());
    }
    assertThat(opened.getHeader("X-Heatwatch-Notification-Id", null)).isEqualTo("n-open");
    assertThat(opened.getSubject())
        .isEqualTo("[CRITICAL] HIGH cold-store-b/freezer-2 -12.0 °C > -15 °C");
    assertThat(cleared.getSubject())
        .isEqualTo("[CLEARED] HIGH cold-store-b/freezer-2 cleared after 42 min");
    assertThat(GreenMailUtil.getBody(opened))
        .contains("I'm on it: https://hw.example/ack/tok-n-open");
    assertThat(opened.getAllRecipients()[0].toString()).contains("maria@example.com");
  }

  @Test
  void aRefusedConnectionIsRetry() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (Channel mail = settings(closedPort).open("ops-mail")) {
      Outcome o = mail.send(message("n1", "maria@example.com", opened(Alarms.open("freezer-2"))));

      assertThat(o).isInstanceOf(Outcome.Retry.class);
      assertThat(((Outcome.Retry) o).after()).isNull();
    }
  }

  @Test
  void aPermanentRecipientRefusalIsFailedAndATemporaryOneRetry() throws IOException {
    try (ScriptedSmtp noSuchUser = new ScriptedSmtp("550 5.1.1 no such user");
        ScriptedSmtp busy = new ScriptedSmtp("451 4.3.0 try again later");
        Channel refusing = settings(noSuchUser.port()).open("a");
        Channel deferring = settings(busy.port()).open("b")) {
      Message m = message("n1", "nobody@example.com", opened(Alarms.open("freezer-2")));

      Outcome failed = refusing.send(m);
      Outcome retry = deferring.send(m);

      assertThat(failed).isInstanceOf(Outcome.Failed.class);
      assertThat(((Outcome.Failed) failed).reason()).startsWith("SMTP 550");
      assertThat(retry).isInstanceOf(Outcome.Retry.class);
      assertThat(((Outcome.Retry) retry).reason()).startsWith("SMTP 451");
    }
  }

  @Test
  void aLineBreakInWhoAcknowledgedCannotAddAHeader() throws Exception {
    Alarm acked =
        Alarms.acknowledged(Alarms.open("freezer-9"), "mallory\r\nBcc: eve@example.com", null);
    try (Channel mail = settings(SMTP.getSmtp().getPort()).open("ops-mail")) {
      Outcome o =
          mail.send(
              message("n-ack", "maria@example.com", intent(acked, Reason.ACKNOWLEDGED, 1, 0)));

      assertThat(o).isInstanceOf(Outcome.Delivered.class);
    }

    assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage got = SMTP.getReceivedMessages()[0];
    assertThat(got.getHeader("Bcc")).isNull();
    assertThat(got.getSubject()).endsWith("by mallory Bcc: eve@example.com");
  }

  @Test
  void starttlsNeverFallsBackToPlainText() throws IOException {
    try (ScriptedSmtp plainOnly = new ScriptedSmtp("250 OK");
        Channel mail =
            new EmailSettings(
                    "127.0.0.1",
                    plainOnly.port(),
                    EmailSettings.Tls.STARTTLS,
                    null,
                    null,
                    "heatwatch@example.com",
                    Duration.ofSeconds(2))
                .open("ops-mail")) {
      Outcome o = mail.send(message("n1", "maria@example.com", opened(Alarms.open("freezer-2"))));

      assertThat(o).isInstanceOf(Outcome.Retry.class);
      assertThat(((Outcome.Retry) o).reason()).contains("STARTTLS");
    }
  }

  @Test
  void aMessageWithoutAnAddressIsFailed() {
    try (Channel mail = settings(SMTP.getSmtp().getPort()).open("ops-mail")) {
      assertThat(mail.send(message("n1", null, opened(Alarms.open("freezer-2")))))
          .isInstanceOf(Outcome.Failed.class);
    }
  }
}
