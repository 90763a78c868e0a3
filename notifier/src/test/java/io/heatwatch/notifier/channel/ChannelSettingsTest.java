package io.heatwatch.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.heatwatch.notifier.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelSettingsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Secret WHSEC = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

  @Test
  void bindsEachTypeFromYaml(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "tok\n");

    ChannelSettings mail =
        YAML.readValue(
            "type: email\nhost: smtp.example.com\nfrom: heatwatch@example.com\ntimeout: 5 s\n",
            ChannelSettings.class);
    ChannelSettings hook =
        YAML.readValue(
            "type: webhook\nurl: https://hooks.slack.com/services/T/B/X\npreset: SLACK\n",
            ChannelSettings.class);
    ChannelSettings sms =
        YAML.readValue(
            "type: sms\nurl: https://sms.example.com/send\ntoken: file:" + token + "\n",
            ChannelSettings.class);

    assertThat(mail)
        .isEqualTo(
            new EmailSettings(
                "smtp.example.com",
                587,
                EmailSettings.Tls.STARTTLS,
                null,
                null,
                "heatwatch@example.com",
                Duration.ofSeconds(5)));
    assertThat(((WebhookSettings) hook).preset()).isEqualTo(WebhookSettings.Preset.SLACK);
    assertThat(((SmsSettings) sms).maxLength()).isEqualTo(160);
    assertThat(((SmsSettings) sms).bodyTemplate()).isEqualTo(SmsSettings.DEFAULT_BODY);
    try (Channel c = sms.open("ops-sms")) {
      assertThat(c.id()).isEqualTo("ops-sms");
    }
  }

  @Test
  void refusesPlainSmtpToAnotherHost() {
    assertThatThrownBy(
            () ->
                new EmailSettings(
                    "smtp.example.com", 25, EmailSettings.Tls.NONE, null, null, "a@b.c", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tls NONE is only allowed to a loopback host");
    assertThat(
            new EmailSettings("127.0.0.1", 2525, EmailSettings.Tls.NONE, null, null, "a@b.c", null))
        .isNotNull();
  }

  @Test
  void refusesHttpToAnotherHostNamingTheField() {
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    URI.create("http://hooks.example.com/x/secret-path"), null, WHSEC, null))
        .hasMessageContaining("url must use https")
        .hasMessageNotContaining("secret-path");
    assertThat(new WebhookSettings(URI.create("http://127.0.0.1:8080/x"), null, WHSEC, null))
        .isNotNull();
    assertThat(new WebhookSettings(URI.create("http://[::1]:8080/x"), null, WHSEC, null))
        .isNotNull();
  }

  @Test
  void genericWebhooksNeedASecret() {
    assertThatThrownBy(
            () -> new WebhookSettings(URI.create("https://example.com/hook"), null, null, null))
        .hasMessageStartingWith("secret is required for preset GENERIC");
  }

  @Test
  void smsTemplateMustBeJsonWithText() {
    URI url = URI.create("https://sms.example.com/send");
    Secret t = Secret.of("tok");
    assertThatThrownBy(() -> new SmsSettings(url, t, "{\"to\":\"{to}\"}", null, null))
        .hasMessageStartingWith("bodyTemplate must contain {text}");
    assertThatThrownBy(() -> new SmsSettings(url, t, "{\"text\":{text}}", null, null))
        .hasMessageStartingWith("bodyTemplate must be JSON");
    assertThatThrownBy(() -> new SmsSettings(url, t, null, 5, null))
        .hasMessageStartingWith("maxLength must be 10..");
  }

  @Test
  void aBadDurationNamesTheField() {
    assertThatThrownBy(
            () ->
                YAML.readValue(
                    "type: email\nhost: h\nfrom: a@b.c\ntimeout: soon\n", ChannelSettings.class))
        .hasMessageContaining("timeout");
  }
}
