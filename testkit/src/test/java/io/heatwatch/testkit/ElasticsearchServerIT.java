package io.heatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchServerIT {
  private static final String READING =
      """
      {"deviceId":"pi-kitchen","seq":1,"tempC":21.4375,"ts":"2026-11-24T10:15:30.125Z"}""";

  @Test
  void indexesCountsSearchesAndGets(ElasticsearchServer server) {
    ElasticsearchHttp es = new ElasticsearchHttp(server.httpUrl());
    assertThat(server.httpUrl()).isEqualTo("http://127.0.0.1:" + server.httpPort());
    assertThat(es.count("testkit-docs-*")).isZero();
    assertThat(es.count("testkit-docs-missing")).isZero();

    es.put("/testkit-docs-readings/_doc/pi-kitchen:1", READING);
    es.refresh("testkit-docs-*");

    assertThat(es.count("testkit-docs-*")).isEqualTo(1);
    JsonNode hits = es.search("testkit-docs-*", "{\"query\":{\"term\":{\"seq\":1}}}").path("hits");
    assertThat(hits.path("total").path("value").asLong()).isEqualTo(1);
    JsonNode doc = es.get("testkit-docs-readings", "pi-kitchen:1");
    assertThat(doc.path("_source").path("tempC").asDouble()).isEqualTo(21.4375);
    assertThat(es.get("testkit-docs-readings", "pi-kitchen:2")).isNull();
    assertThat(es.get("testkit-docs-missing", "x")).isNull();
  }

  @Test
  void putsTemplatesAndReportsErrorsWithStatusAndBody(ElasticsearchServer server) {
    ElasticsearchHttp es = new ElasticsearchHttp(server.httpUrl());
    es.put(
        "/_index_template/testkit-tpl",
        """
        {"index_patterns":["testkit-tpl-*"],
         "template":{"settings":{"number_of_replicas":0,"refresh_interval":"1s"}}}""");
    es.put("/testkit-tpl-1/_doc/a", "{\"v\":1}");
    JsonNode settings = es.request("GET", "/testkit-tpl-1/_settings", null);
    assertThat(settings.at("/testkit-tpl-1/settings/index/refresh_interval").asText())
        .isEqualTo("1s");

    assertThatThrownBy(() -> es.put("/testkit-bad/_doc/1", "not json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("400")
        .hasMessageContaining("parse");
  }

  @Test
  void restartKeepsDocuments(ElasticsearchServer server) {
    ElasticsearchHttp es = new ElasticsearchHttp(server.httpUrl());
    es.put("/testkit-restart/_doc/1?refresh=true", READING);

    server.restart();

    assertThat(es.count("testkit-restart")).isEqualTo(1);
  }
}
