package io.heatwatch.notifier.channel;

import static io.heatwatch.notifier.channel.Alarms.intent;
import static io.heatwatch.notifier.channel.Alarms.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.notifier.Secret;
import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;

class SmsChannelIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "sms-token-3f9a1c";

  @Test
  void postsTheEscapedTextCutToMaxLengthWithTheBearerToken() throws Exception {
    try (HookReceiver receiver = new HookReceiver();
        Channel sms =
            new SmsSettings(receiver.url("/send"), Secret.of(TOKEN), null, 40, null)
                .open("ops-sms")) {
      var acked = Alarms.acknowledged(Alarms.open("freezer-2"), "Sean \"O'Brien\"", null);

      Outcome o =
          sms.send(message("n-1", "+34600000001", intent(acked, Reason.ACKNOWLEDGED, 1, 0)));

      assertThat(o).isInstanceOf(Outcome.Delivered.class);
      HookReceiver.Request r = receiver.requests.get(0);
      assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(r.header("Idempotency-Key")).isEqualTo("n-1");
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("to").asText()).isEqualTo("+34600000001");
      assertThat(body.get("text").asText())
          .hasSize(40)
          .startsWith("[CRITICAL] ACKNOWLEDGED HIGH")
          .endsWith("…");
    }
  }

  @Test
  void aCustomTemplateGetsJsonEscapedValues() throws Exception {
    try (HookReceiver receiver = new HookReceiver();
        Channel sms =
            new SmsSettings(
                    receiver.url("/send"),
                    Secret.of(TOKEN),
                    "{\"msisdn\":\"{to}\",\"message\":{\"body\":\"{text}\"},\"from\":\"HW\"}",
                    160,
                    null)
                .open("ops-sms")) {
      var acked = Alarms.acknowledged(Alarms.open("freezer-2"), "Sean \"O'Brien\"", null);

      sms.send(message("n-2", "+34600000001", intent(acked, Reason.ACKNOWLEDGED, 1, 0)));

      JsonNode body = JSON.readTree(receiver.requests.get(0).body());
      assertThat(body.get("msisdn").asText()).isEqualTo("+34600000001");
      assertThat(body.at("/message/body").asText()).contains("by Sean \"O'Brien\"");
    }
  }

  @Test
  void outcomesFollowTheWebhookRulesAndNeverShowTheToken() throws Exception {
    StringWriter logs = new StringWriter();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    WriterAppender capture =
        WriterAppender.newBuilder()
            .setName("sms-capture")
            .setTarget(logs)
            .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build())
            .build();
    capture.start();
    config.getRootLogger().addAppender(capture, Level.ALL, null);
    Level before = config.getRootLogger().getLevel();
    Configurator.setRootLevel(Level.ALL);
    try (HookReceiver receiver = new HookReceiver()) {
      Map<String, Class<? extends Outcome>> expected =
          Map.of(
              "/ok", Outcome.Delivered.class,
              "/500", Outcome.Retry.class,
              "/429", Outcome.Retry.class,
              "/400", Outcome.Failed.class);
      for (var e : expected.entrySet()) {
        try (Channel sms =
            new SmsSettings(receiver.url(e.getKey()), Secret.of(TOKEN), null, null, null)
                .open("ops-sms")) {
          Outcome o =
              sms.send(message("n", "+34600000001", Alarms.opened(Alarms.open("freezer-2"))));
          assertThat(o).isInstanceOf(e.getValue());
          assertThat(o.toString()).doesNotContain(TOKEN);
        }
      }
      assertThat(new SmsSettings(receiver.url("/x"), Secret.of(TOKEN), null, null, null).toString())
          .doesNotContain(TOKEN);
    } finally {
      config.getRootLogger().removeAppender("sms-capture");
      Configurator.setRootLevel(before);
      capture.stop();
    }
    assertThat(logs.toString()).doesNotContain(TOKEN);
  }
}
