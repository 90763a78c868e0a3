package io.heatwatch.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.Excursion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyTemplateSetsRefreshIntervalShardsReplicasAndExplicitMappings() throws IOException {
    for (String name : IndexTemplates.TEMPLATES) {
      JsonNode template = resource("index-templates/" + name + ".json");
      JsonNode settings = template.path("template").path("settings");

      assertThat(settings.path("index.refresh_interval").asText()).as(name).isEqualTo("1s");
      assertThat(settings.path("index.number_of_shards").asInt()).as(name).isEqualTo(1);
      assertThat(settings.path("index.number_of_replicas").asInt()).as(name).isZero();
      assertThat(template.path("template").path("mappings").path("dynamic").asBoolean(true))
          .as(name)
          .isFalse();
      assertThat(template.path("index_patterns").get(0).asText()).as(name).startsWith(name);
    }
  }

  @Test
  void mapsIdsAsKeywordsTimesAsDatesAndTemperaturesAsNumbers() throws IOException {
    JsonNode readings =
        resource("index-templates/heatwatch-readings.json").at("/template/mappings/properties");

    assertThat(readings.at("/deviceId/type").asText()).isEqualTo("keyword");
    assertThat(readings.at("/sensorId/type").asText()).isEqualTo("keyword");
    assertThat(readings.at("/ts/type").asText()).isEqualTo("date");
    assertThat(readings.at("/tempC/type").asText()).isEqualTo("float");
    assertThat(readings.at("/late/type").asText()).isEqualTo("boolean");
    assertThat(readings.at("/clockUnsynced/type").asText()).isEqualTo("boolean");
  }

  @Test
  void theAlarmsMappingHoldsEveryFieldOfAnAlarmAndItsExcursion() throws IOException {
    JsonNode alarms =
        resource("index-templates/heatwatch-alarms.json").at("/template/mappings/properties");

    assertThat(names(alarms)).containsExactlyInAnyOrderElementsOf(components(Alarm.class));
    JsonNode excursion = alarms.at("/excursion/properties");
    assertThat(names(excursion)).containsExactlyInAnyOrderElementsOf(components(Excursion.class));
    assertThat(excursion.at("/durationS/type").asText()).isEqualTo("long");
    for (String c : List.of("peakC", "meanC", "mktC")) {
      assertThat(excursion.at("/" + c + "/type").asText()).as(c).isEqualTo("float");
    }
  }

  private static List<String> names(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> components(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  @Test
  void dailyIndicesNameTheirLifecyclePolicyAndThePolicyExists() throws IOException {
    for (String name : IndexTemplates.ILM_POLICIES) {
      JsonNode template = resource("index-templates/" + name + ".json");
      assertThat(template.at("/template/settings").path("index.lifecycle.name").asText())
          .isEqualTo(name);
      assertThat(
              resource("ilm/" + name + ".json").at("/policy/phases/delete/actions").has("delete"))
          .isTrue();
    }
    assertThat(resource("ilm/heatwatch-readings.json").at("/policy/phases/delete/min_age").asText())
        .isEqualTo("30d");
    assertThat(resource("ilm/heatwatch-metrics.json").at("/policy/phases/delete/min_age").asText())
        .isEqualTo("730d");
  }

  @Test
  void dropsOnlyTheLifecycleSettingsForClustersWithoutIlm() throws IOException {
    String template = text("index-templates/heatwatch-readings.json");

    JsonNode stripped = JSON.readTree(IndexTemplates.withoutLifecycle(template));

    JsonNode settings = stripped.at("/template/settings");
    List<String> names = new ArrayList<>();
    settings.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactlyInAnyOrder(
            "index.number_of_shards", "index.number_of_replicas", "index.refresh_interval");
    assertThat(stripped.path("template").path("mappings"))
        .isEqualTo(JSON.readTree(template).path("template").path("mappings"));
  }

  @Test
  void dropsNestedLifecycleSettingsToo() throws IOException {
    String nested =
        """
        {"template":{"settings":{"index":{"lifecycle":{"name":"p"},"refresh_interval":"1s"}}}}""";

    JsonNode stripped = JSON.readTree(IndexTemplates.withoutLifecycle(nested));

    assertThat(stripped.at("/template/settings/index").has("lifecycle")).isFalse();
    assertThat(stripped.at("/template/settings/index/refresh_interval").asText()).isEqualTo("1s");
  }

  @Test
  void namesTheClusterItCannotReach() {
    assertThatThrownBy(() -> IndexTemplates.install("http://127.0.0.1:1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GET http://127.0.0.1:1/_ilm/status failed");
  }

  private static JsonNode resource(String file) throws IOException {
    return JSON.readTree(text(file));
  }

  private static String text(String file) throws IOException {
    String path = IndexTemplates.ROOT + "/" + file;
    try (InputStream in = IndexTemplatesTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path + " on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
