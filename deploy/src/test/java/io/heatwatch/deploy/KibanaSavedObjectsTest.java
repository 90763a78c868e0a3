package io.heatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks infra/kibana/heatwatch.ndjson: every visualisation points at an index pattern of the file,
 * and every field it uses is in the mapping of the infra/elasticsearch template for that pattern.
 */
class KibanaSavedObjectsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*:");

  private static final List<JsonNode> objects = new ArrayList<>();

  /** index pattern id → fields of its template's mapping. */
  private static final Map<String, Set<String>> fieldsByPatternId = new HashMap<>();

  @BeforeAll
  static void parse() throws IOException {
    for (String line : Files.readAllLines(Repo.file("infra/kibana/heatwatch.ndjson"))) {
      if (!line.isBlank()) {
        objects.add(JSON.readTree(line));
      }
    }
    Map<String, Set<String>> fieldsByTemplatePattern = templateFields();
    for (JsonNode pattern : ofType("index-pattern")) {
      String title = pattern.at("/attributes/title").asText();
      assertThat(fieldsByTemplatePattern)
          .as("an index template in infra/elasticsearch for index pattern " + title)
          .containsKey(title);
      fieldsByPatternId.put(pattern.get("id").asText(), fieldsByTemplatePattern.get(title));
    }
  }

  private static Map<String, Set<String>> templateFields() throws IOException {
    Map<String, Set<String>> fields = new HashMap<>();
    try (var files = Files.list(Repo.file("infra/elasticsearch/index-templates"))) {
      for (Path file : files.toList()) {
        JsonNode template = JSON.readTree(file.toFile());
        Set<String> names = new HashSet<>();
        template.at("/template/mappings/properties").fieldNames().forEachRemaining(names::add);
        template.get("index_patterns").forEach(p -> fields.put(p.asText(), names));
      }
    }
    return fields;
  }

  private static List<JsonNode> ofType(String type) {
    return objects.stream().filter(o -> o.path("type").asText().equals(type)).toList();
  }

  @Test
  void theIndexPatternsHaveTimeFieldsFromTheirMappings() {
    assertThat(ofType("index-pattern"))
        .extracting(o -> o.at("/attributes/title").asText())
        .containsExactlyInAnyOrder(
            "heatwatch-readings-*",
            "heatwatch-metrics-*",
            "heatwatch-alarms",
            "heatwatch-devices",
            "heatwatch-deliveries");
    for (JsonNode pattern : ofType("index-pattern")) {
      assertThat(fieldsByPatternId.get(pattern.get("id").asText()))
          .as(pattern.at("/attributes/title").asText() + " timeFieldName")
          .contains(pattern.at("/attributes/timeFieldName").asText());
    }
  }

  @Test
  void everyVisualisationUsesAnExistingPatternAndMappedFields() throws IOException {
    assertThat(ofType("visualization")).isNotEmpty();
    for (JsonNode vis : ofType("visualization")) {
      String title = vis.at("/attributes/title").asText();
      JsonNode search =
          JSON.readTree(vis.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText());
      String refName = search.path("indexRefName").asText();
      assertThat(refName).as(title + ": searchSourceJSON.indexRefName").isNotEmpty();
      String patternId = referenced(vis, refName, "index-pattern");
      Set<String> mapped = fieldsByPatternId.get(patternId);
      assertThat(mapped).as(title + ": index pattern " + patternId + " in the file").isNotNull();

      JsonNode visState = JSON.readTree(vis.at("/attributes/visState").asText());
      assertThat(visState.path("aggs")).as(title + ": aggs").isNotEmpty();
      for (JsonNode agg : visState.path("aggs")) {
        for (String key : List.of("field", "sortField")) {
          if (agg.at("/params/" + key).isTextual()) {
            assertThat(mapped)
                .as(title + ": " + key + " of agg " + agg.get("id"))
                .contains(agg.at("/params/" + key).asText());
          }
        }
      }
      Matcher m = KQL_FIELD.matcher(search.at("/query/query").asText());
      while (m.find()) {
        assertThat(mapped).as(title + ": query field").contains(m.group(1));
      }
    }
  }

  private static String referenced(JsonNode object, String name, String type) {
    for (JsonNode ref : object.path("references")) {
      if (ref.path("name").asText().equals(name)) {
        assertThat(ref.path("type").asText()).as(name).isEqualTo(type);
        return ref.path("id").asText();
      }
    }
    throw new AssertionError(object.path("id").asText() + ": no reference named " + name);
  }

  @Test
  void theFourDashboardsShowOnlyVisualisationsOfTheFile() throws IOException {
    Set<String> visIds = new HashSet<>();
    ofType("visualization").forEach(v -> visIds.add(v.get("id").asText()));
    assertThat(ofType("dashboard"))
        .extracting(o -> o.at("/attributes/title").asText())
        .containsExactlyInAnyOrder(
            "Live temperatures", "Alarms", "Fleet health", "1-minute averages");
    for (JsonNode dashboard : ofType("dashboard")) {
      JsonNode panels = JSON.readTree(dashboard.at("/attributes/panelsJSON").asText());
      assertThat(panels).as(dashboard.at("/attributes/title").asText()).isNotEmpty();
      for (JsonNode panel : panels) {
        assertThat(visIds)
            .contains(referenced(dashboard, panel.get("panelRefName").asText(), "visualization"));
      }
    }
  }

  @Test
  void idsAreUnique() {
    Set<String> seen = new HashSet<>();
    for (JsonNode o : objects) {
      assertThat(seen.add(o.get("type").asText() + "/" + o.get("id").asText()))
          .as(o.get("id").asText())
          .isTrue();
    }
  }
}
