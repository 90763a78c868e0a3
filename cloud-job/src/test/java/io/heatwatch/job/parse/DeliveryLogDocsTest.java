package io.heatwatch.job.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heatwatch.job.model.DeliveryDoc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryLogDocsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The notifier's own sample entry (its LogCodecTest checks its codec reads it). */
  private static byte[] sample() throws Exception {
    return Files.readAllBytes(Path.of("../notifier/src/test/resources/delivery-log-entry.json"));
  }

  @Test
  void anEntryBecomesADocumentOfWhoWasToldThroughWhatAboutWhichAlarm() throws Exception {
    DeliveryDoc doc = DeliveryLogDocs.of(sample());

    assertThat(doc.id()).isEqualTo("8c1f0f0a2a4b4d6e9f1e2d3c4b5a6978/RETRYING/1");
    JsonNode d = JSON.readTree(doc.json());
    assertThat(d.path("at").asText()).isEqualTo("2026-11-24T10:32:31Z");
    assertThat(d.path("alarmId").asText())
        .isEqualTo("pi-kitchen:28-0316a2796aff:HIGH:1795515330125");
    assertThat(d.path("recipient").asText()).isEqualTo("maria");
    assertThat(d.path("channel").asText()).isEqualTo("ops-mail");
    assertThat(d.path("state").asText()).isEqualTo("RETRYING");
    assertThat(d.path("reason").asText()).isEqualTo("ESCALATED");
    assertThat(d.path("level").asInt()).isEqualTo(2);
    assertThat(d.path("site").asText()).isEqualTo("home");
    assertThat(d.path("kind").asText()).isEqualTo("HIGH");
    assertThat(d.path("severity").asText()).isEqualTo("CRITICAL");
    assertThat(d.path("test").asBoolean()).isFalse();
    assertThat(d.path("nextAt").asText()).isEqualTo("2026-11-24T10:32:36Z");
    assertThat(d.path("detail").asText()).contains("421");
  }

  @Test
  void everyFieldOfTheDocumentIsMappedByTheIndexTemplate() throws Exception {
    JsonNode template =
        JSON.readTree(
            Path.of("../infra/elasticsearch/index-templates/heatwatch-deliveries.json").toFile());
    Set<String> mapped = new HashSet<>();
    template.at("/template/mappings/properties").fieldNames().forEachRemaining(mapped::add);
    Set<String> fields = new HashSet<>();
    JSON.readTree(DeliveryLogDocs.of(sample()).json()).fieldNames().forEachRemaining(fields::add);
    assertThat(mapped).containsExactlyInAnyOrderElementsOf(fields);
  }

  @Test
  void aMalformedEntryIsRefusedNamingWhatIsWrong() throws Exception {
    ObjectNode unknownState = (ObjectNode) JSON.readTree(sample());
    unknownState.put("state", "LOST");
    assertThatThrownBy(() -> DeliveryLogDocs.of(JSON.writeValueAsBytes(unknownState)))
        .hasMessageContaining("state LOST");
    ObjectNode noIntent = (ObjectNode) JSON.readTree(sample());
    noIntent.remove("intent");
    assertThatThrownBy(() -> DeliveryLogDocs.of(JSON.writeValueAsBytes(noIntent)))
        .hasMessageContaining("intent");
    assertThatThrownBy(() -> DeliveryLogDocs.of("[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> DeliveryLogDocs.of("{".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not JSON");
  }
}
