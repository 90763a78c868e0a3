package io.heatwatch.notifier.channel;

import static io.heatwatch.notifier.channel.Alarms.intent;
import static io.heatwatch.notifier.channel.Alarms.message;
import static io.heatwatch.notifier.channel.Alarms.opened;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.notifier.Secret;
import io.heatwatch.notifier.channel.WebhookSettings.Preset;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebhookChannelIT {
  private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static HookReceiver receiver;

  private final Alarm alarm = Alarms.open("freezer-2");

  @BeforeAll
  static void start() throws IOException {
    receiver = new HookReceiver();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  private static Channel channel(String path, Preset preset, Duration timeout) {
    return new WebhookSettings(receiver.url(path), preset, Secret.of(WHSEC), timeout).open("hook");
  }

  private HookReceiver.Request sendAndReceive(String path, Preset preset, Message m) {
    int before = receiver.requests.size();
    try (Channel c = channel(path, preset, null)) {
      assertThat(c.send(m)).isInstanceOf(Outcome.Delivered.class);
    }
    assertThat(receiver.requests).hasSize(before + 1);
    return receiver.requests.get(before);
  }

  @Test
  void genericIsSignedSoAReceiverCanVerifyIt() throws Exception {
    HookReceiver.Request r =
        sendAndReceive("/generic", Preset.GENERIC, message("n-1", null, opened(alarm)));

    assertThat(r.header("webhook-id")).isEqualTo("n-1");
    assertThat(HookReceiver.verify(r, WHSEC)).isTrue();
    HookReceiver.Request tampered =
        new HookReceiver.Request(r.path(), r.headers(), r.body().replace("-12.0", "-22.0"));
    assertThat(HookReceiver.verify(tampered, WHSEC)).isFalse();
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("type").asText()).isEqualTo("alarm.opened");
    assertThat(body.get("timestamp").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(body.at("/data/notificationId").asText()).isEqualTo("n-1");
    assertThat(body.at("/data/ackUrl").asText()).isEqualTo("https://hw.example/ack/tok-n-1");
    assertThat(body.at("/data/intents/0/alarmId").asText()).isEqualTo(alarm.alarmId());
    assertThat(body.at("/data/intents/0/reason").asText()).isEqualTo("OPENED");
  }

  @Test
  void slackAndMattermostGetTextWithTheAckLink() throws Exception {
    Message m = message("n-2", null, opened(alarm));

    JsonNode slack = JSON.readTree(sendAndReceive("/slack", Preset.SLACK, m).body());
    JsonNode mm = JSON.readTree(sendAndReceive("/mm", Preset.MATTERMOST, m).body());

    assertThat(slack.get("text").asText())
        .startsWith("[CRITICAL] HIGH cold-store-b/freezer-2 -12.0 °C &gt; -15 °C")
        .endsWith("<https://hw.example/ack/tok-n-2|I'm on it>");
    assertThat(mm.get("text").asText())
        .startsWith("[CRITICAL] HIGH cold-store-b/freezer-2 -12.0 °C > -15 °C")
        .endsWith("[I'm on it](https://hw.example/ack/tok-n-2)");
  }

  @Test
  void teamsGetsAMessageCardWithTheAckAction() throws Exception {
    JsonNode card =
        JSON.readTree(
            sendAndReceive("/teams", Preset.TEAMS, message("n-3", null, opened(alarm))).body());

    assertThat(card.get("@type").asText()).isEqualTo("MessageCard");
    assertThat(card.get("title").asText()).startsWith("[CRITICAL] HIGH cold-store-b/freezer-2");
    assertThat(card.at("/potentialAction/0/@type").asText()).isEqualTo("OpenUri");
    assertThat(card.at("/potentialAction/0/targets/0/uri").asText())
        .isEqualTo("https://hw.example/ack/tok-n-3");
  }

  @Test
  void ntfyGetsTitlePriorityTagsAndTheAckAction() throws Exception {
    HookReceiver.Request open =
        sendAndReceive("/topic", Preset.NTFY, message("n-4", null, opened(alarm)));
    HookReceiver.Request cleared =
        sendAndReceive(
            "/topic",
            Preset.NTFY,
            new Message(
                "n-5",
                null,
                null,
                java.util.List.of(intent(Alarms.cleared(alarm), Reason.CLEARED, 1, 0)),
                null));

    assertThat(jakarta.mail.internet.MimeUtility.decodeText(open.header("Title")))
        .isEqualTo("[CRITICAL] HIGH cold-store-b/freezer-2 -12.0 °C > -15 °C");
    assertThat(open.header("Priority")).isEqualTo("5");
    assertThat(open.header("Tags")).isEqualTo("rotating_light,high,cold-store-b");
    assertThat(open.header("Actions"))
        .isEqualTo("http, I'm on it, https://hw.example/ack/tok-n-4, method=POST, clear=true");
    assertThat(open.body()).contains("site cold-store-b, device freezer-2");
    assertThat(cleared.header("Priority")).isEqualTo("2");
    assertThat(cleared.header("Actions")).isNull();
  }

  @Test
  void aLineBreakInWhoAcknowledgedStaysInsideTheNtfyTitle() throws Exception {
    Alarm acked = Alarms.acknowledged(alarm, "mallory\r\nX-Injected: yes", null);

    HookReceiver.Request r =
        sendAndReceive(
            "/topic", Preset.NTFY, message("n-9", null, intent(acked, Reason.ACKNOWLEDGED, 1, 0)));

    assertThat(r.header("X-Injected")).isNull();
    assertThat(jakarta.mail.internet.MimeUtility.decodeText(r.header("Title")))
        .endsWith("by mallory X-Injected: yes");
  }

  @Test
  void serverAnswersBecomeOutcomes() {
    Message m = message("n-6", null, opened(alarm));
    try (Channel e500 = channel("/500", Preset.GENERIC, null);
        Channel e429 = channel("/429", Preset.GENERIC, null);
        Channel e503 = channel("/503", Preset.GENERIC, null);
        Channel e400 = channel("/400", Preset.GENERIC, null)) {
      assertThat(e500.send(m)).isEqualTo(new Outcome.Retry("HTTP 500", null));
      assertThat(e429.send(m)).isEqualTo(new Outcome.Retry("HTTP 429", Duration.ofSeconds(7)));
      assertThat(e503.send(m)).isEqualTo(new Outcome.Retry("HTTP 503", null));
      assertThat(e400.send(m)).isEqualTo(new Outcome.Failed("HTTP 400: invalid_payload"));
    }
  }

  @Test
  void aStallPastTheTimeoutIsRetry() {
    try (Channel c = channel("/stall", Preset.GENERIC, Duration.ofSeconds(1))) {
      long start = System.nanoTime();
      Outcome o = c.send(message("n-7", null, opened(alarm)));

      assertThat(o).isInstanceOf(Outcome.Retry.class);
      assertThat(((Outcome.Retry) o).reason()).startsWith("timed out after 1000 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void aRefusedConnectionIsRetry() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    WebhookSettings s =
        new WebhookSettings(
            URI.create("http://127.0.0.1:" + closedPort + "/x"), Preset.SLACK, null, null);
    try (Channel c = s.open("hook")) {
      assertThat(c.send(message("n-8", null, opened(alarm)))).isInstanceOf(Outcome.Retry.class);
    }
  }
}
