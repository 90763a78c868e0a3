package io.heatwatch.notifier.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.notifier.config.Target;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogCodecTest {
  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void anEntryRoundTripsWithWhatIsNeededToSendItAgain() throws Exception {
    Alarm alarm = Intents.alarm("dev-1:t1:HIGH:1", AT);
    LogEntry claim =
        LogEntry.claim(
            Intents.intent(alarm, Reason.ESCALATED, 2, 0), new Target("maria", "mail"), AT);
    LogEntry retrying =
        claim.attempted(DeliveryState.RETRYING, AT.plusSeconds(1), AT.plusSeconds(6), "421 busy");

    byte[] json = LogCodec.encode(retrying);
    assertThat(LogCodec.decode(json)).isEqualTo(retrying);

    JsonNode n = new ObjectMapper().readTree(json);
    assertThat(n.get("id").asText()).isEqualTo(claim.id());
    assertThat(n.get("intentId").asText()).isEqualTo("dev-1:t1:HIGH:1/ESCALATED/2/0");
    assertThat(n.get("alarmId").asText()).isEqualTo("dev-1:t1:HIGH:1");
    assertThat(n.get("recipient").asText()).isEqualTo("maria");
    assertThat(n.get("channel").asText()).isEqualTo("mail");
    assertThat(n.get("state").asText()).isEqualTo("RETRYING");
    assertThat(n.get("attempts").asInt()).isEqualTo(1);
    assertThat(n.get("intent").get("alarm").get("site").asText()).isEqualTo("home");
  }

  @Test
  void aTeamTargetHasNoRecipient() {
    LogEntry e =
        LogEntry.claim(
            Intents.intent(Intents.alarm("a", AT), Reason.OPENED, 1, 0),
            new Target(null, "hook"),
            AT);
    assertThat(LogCodec.decode(LogCodec.encode(e)).target()).isEqualTo(new Target(null, "hook"));
  }

  @Test
  void aMalformedEntryIsRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> LogCodec.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state");
  }
}
