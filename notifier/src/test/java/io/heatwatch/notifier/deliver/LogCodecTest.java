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
import java.util.List;
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

  /**
   * The sample the job's audit index is tested with (cloud-job DeliveryLogDocsTest reads this
   * file): an entry in the format this codec reads.
   */
  @Test
  void theSampleEntryTheJobIsTestedWithIsOneThisCodecReads() throws Exception {
    byte[] sample =
        java.nio.file.Files.readAllBytes(
            java.nio.file.Path.of("src/test/resources/delivery-log-entry.json"));
    LogEntry e = LogCodec.decode(sample);
    assertThat(e.state()).isEqualTo(DeliveryState.RETRYING);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.target()).isEqualTo(new Target("maria", "ops-mail"));
    assertThat(e.intent().reason()).isEqualTo(Reason.ESCALATED);
    assertThat(e.detail()).isEqualTo("421 4.7.0 try again later");
    JsonNode written = new ObjectMapper().readTree(LogCodec.encode(e));
    JsonNode read = new ObjectMapper().readTree(sample);
    for (String field : List.of("id", "intentId", "alarmId", "recipient", "channel", "state")) {
      assertThat(written.get(field)).as(field).isEqualTo(read.get(field));
    }
  }

  @Test
  void aMalformedEntryIsRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> LogCodec.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state");
  }
}
