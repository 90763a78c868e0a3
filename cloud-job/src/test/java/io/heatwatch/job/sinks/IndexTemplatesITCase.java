package io.heatwatch.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElasticsearchExtension.class)
class IndexTemplatesITCase {
  private static final String INDEX = "heatwatch-readings-1999.01.01";

  @Test
  void installsTemplatesThatShapeNewIndicesAndCanBeInstalledAgain(ElasticsearchServer server) {
    ElasticsearchHttp es = new ElasticsearchHttp(server.httpUrl());

    IndexTemplates.install(server.httpUrl());
    IndexTemplates.install(server.httpUrl());

    for (String name : IndexTemplates.TEMPLATES) {
      JsonNode installed = es.request("GET", "/_index_template/" + name, null);
      assertThat(installed.at("/index_templates/0/name").asText()).isEqualTo(name);
    }
    es.put(
        "/" + INDEX + "/_doc/pi-a:1",
        """
        {"deviceId":"pi-a","seq":1,"ts":"1999-01-01T10:00:00.125Z","tempC":21.4375,"late":false,
         "extra":"not mapped"}""");
    JsonNode settings = es.request("GET", "/" + INDEX + "/_settings", null).at("/" + INDEX);
    assertThat(settings.at("/settings/index/refresh_interval").asText()).isEqualTo("1s");
    assertThat(settings.at("/settings/index/number_of_replicas").asText()).isEqualTo("0");
    JsonNode mapping =
        es.request("GET", "/" + INDEX + "/_mapping", null).at("/" + INDEX + "/mappings/properties");
    assertThat(mapping.at("/deviceId/type").asText()).isEqualTo("keyword");
    assertThat(mapping.at("/ts/type").asText()).isEqualTo("date");
    assertThat(mapping.at("/tempC/type").asText()).isEqualTo("float");
    assertThat(mapping.at("/late/type").asText()).isEqualTo("boolean");
    assertThat(mapping.has("extra")).as("dynamic: false").isFalse();
    es.request("DELETE", "/" + INDEX, null);
  }

  @Test
  void namesTheFileElasticsearchRejected(ElasticsearchServer server) {
    assertThatThrownBy(
            () ->
                IndexTemplates.install(
                    server.httpUrl(),
                    "elasticsearch-broken",
                    List.of(),
                    List.of("heatwatch-broken")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("elasticsearch-broken/index-templates/heatwatch-broken.json: PUT ")
        .hasMessageContaining("answered 400")
        .hasMessageContaining("floot");
  }
}
