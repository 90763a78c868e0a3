package io.heatwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.testkit.ElasticsearchHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What Elasticsearch holds for one site: every reading document and every alarm document. */
final class Ledger {
  private final ElasticsearchHttp es;

  Ledger(String elasticsearchUrl) {
    this.es = new ElasticsearchHttp(elasticsearchUrl);
  }

  /** Every document of the site in {@code heatwatch-readings-*}, read with a scroll. */
  List<ReadingDoc> readings(String site) {
    es.refresh("heatwatch-readings-*");
    List<ReadingDoc> docs = new ArrayList<>();
    JsonNode page =
        es.request(
            "POST",
            "/heatwatch-readings-*/_search?scroll=1m",
            "{\"size\":5000,\"_source\":[\"deviceId\",\"seq\",\"ts\",\"late\"],"
                + "\"query\":{\"term\":{\"site\":\""
                + site
                + "\"}}}");
    while (true) {
      JsonNode hits = page.path("hits").path("hits");
      if (hits.isEmpty()) {
        break;
      }
      for (JsonNode hit : hits) {
        JsonNode source = hit.path("_source");
        docs.add(
            new ReadingDoc(
                hit.path("_index").asText(),
                hit.path("_id").asText(),
                source.path("deviceId").asText(),
                source.path("seq").asLong(),
                Instant.parse(source.path("ts").asText()),
                source.path("late").asBoolean()));
      }
      page =
          es.request(
              "POST",
              "/_search/scroll",
              "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}");
    }
    return docs;
  }

  /** Readings of the site stamped at or before {@code at}, searchable now. */
  long searchableUpTo(String site, Instant at) {
    JsonNode result =
        es.search(
            "heatwatch-readings-*",
            "{\"size\":0,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":["
                + "{\"term\":{\"site\":\""
                + site
                + "\"}},{\"range\":{\"ts\":{\"lte\":\""
                + at
                + "\"}}}]}}}");
    return result.path("hits").path("total").path("value").asLong();
  }

  /** OK readings of one sensor of the site searchable now. */
  long okReadings(String site, String sensorId) {
    JsonNode result =
        es.search(
            "heatwatch-readings-*",
            "{\"size\":0,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":["
                + "{\"term\":{\"site\":\""
                + site
                + "\"}},{\"term\":{\"sensorId\":\""
                + sensorId
                + "\"}},{\"term\":{\"quality\":\"OK\"}}]}}}");
    return result.path("hits").path("total").path("value").asLong();
  }

  /** Readings of the site searchable now. */
  long searchable(String site) {
    JsonNode result =
        es.search(
            "heatwatch-readings-*",
            "{\"size\":0,\"track_total_hits\":true,\"query\":{\"term\":{\"site\":\""
                + site
                + "\"}}}");
    return result.path("hits").path("total").path("value").asLong();
  }

  /** Every alarm document of the site. */
  List<AlarmDoc> alarms(String site) {
    es.refresh("heatwatch-alarms");
    JsonNode hits =
        es.search(
                "heatwatch-alarms",
                "{\"size\":10000,\"query\":{\"term\":{\"site\":\"" + site + "\"}}}")
            .path("hits")
            .path("hits");
    List<AlarmDoc> alarms = new ArrayList<>();
    for (JsonNode hit : hits) {
      JsonNode a = hit.path("_source");
      alarms.add(
          new AlarmDoc(
              hit.path("_id").asText(),
              a.path("kind").asText(),
              a.path("deviceId").asText(),
              a.path("sensorId").isNull() ? null : a.path("sensorId").asText(null),
              a.path("state").asText(),
              a.path("version").asLong(),
              a.path("message").asText("")));
    }
    return alarms;
  }

  /** One reading document. */
  record ReadingDoc(String index, String id, String deviceId, long seq, Instant ts, boolean late) {}

  /** One alarm document (its latest version). */
  record AlarmDoc(
      String alarmId,
      String kind,
      String deviceId,
      String sensorId,
      String state,
      long version,
      String message) {}
}
