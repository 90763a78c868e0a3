package io.heatwatch.console.es;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.SensorRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every Elasticsearch query the console makes, in one place. */
public final class Queries {
  /** Largest page Elasticsearch returns without scrolling. */
  public static final int MAX_HITS = 10_000;

  private static final List<String> READING_FIELDS =
      List.of("site", "deviceId", "sensorId", "seq", "ts", "tempC", "quality", "ingestedAt");

  // One composite bucket per sensor: sensor ids are unique per device only.
  private static final List<Map<String, Object>> SENSOR_SOURCES =
      List.of(
          Map.of("deviceId", Map.of("terms", Map.of("field", "deviceId"))),
          Map.of("sensorId", Map.of("terms", Map.of("field", "sensorId"))));

  private final EsClient es;

  public Queries(EsClient es) {
    this.es = es;
  }

  /**
   * The newest reading to arrive of every sensor (device and sensor id) that sent one since {@code
   * since}, leaving out readings stamped at or after {@code stampedBefore} (a device clock far
   * ahead).
   */
  public List<JsonNode> latestPerSensor(Instant since, Instant stampedBefore) {
    Map<String, Object> query =
        Map.of(
            "bool",
            Map.of(
                "filter",
                List.of(
                    Map.of("range", Map.of("ingestedAt", Map.of("gte", since.toString()))),
                    Map.of("range", Map.of("ts", Map.of("lt", stampedBefore.toString()))))));
    Map<String, Object> latest =
        Map.of(
            "latest",
            Map.of(
                "top_hits",
                Map.of(
                    "size",
                    1,
                    "sort",
                    List.of(Map.of("ingestedAt", "desc"), Map.of("seq", "desc")),
                    "_source",
                    READING_FIELDS)));
    List<JsonNode> readings = new ArrayList<>();
    for (JsonNode bucket : perSensor(Indices.READINGS, query, latest)) {
      readings.add(bucket.at("/latest/hits/hits/0/_source"));
    }
    return readings;
  }

  /**
   * One page of the readings the job passed on at or after {@code ingestedFrom}, in arrival order
   * ({@code ingestedAt}, then {@code deviceId} and {@code seq}: the parts of {@code _id}, which are
   * unique and have doc values, where sorting on {@code _id} itself would load it into the heap),
   * starting after the sort values {@code after} of the previous page's last hit (none: the first
   * page). Many readings share one millisecond in a burst, so only the whole key pages correctly.
   */
  public Page readingsIngestedSince(Instant ingestedFrom, List<JsonNode> after, int size) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("size", size);
    body.put(
        "query", Map.of("range", Map.of("ingestedAt", Map.of("gte", ingestedFrom.toString()))));
    body.put(
        "sort",
        List.of(
            Map.of("ingestedAt", "asc"),
            Map.of("deviceId", "asc"),
            Map.of("seq", Map.of("order", "asc", "unmapped_type", "long"))));
    body.put("_source", READING_FIELDS);
    if (after != null) {
      body.put("search_after", after);
    }
    JsonNode hits = es.search(Indices.READINGS, body).at("/hits/hits");
    List<JsonNode> readings = new ArrayList<>();
    hits.forEach(hit -> readings.add(hit.path("_source")));
    List<JsonNode> last = new ArrayList<>();
    if (!hits.isEmpty()) {
      hits.get(hits.size() - 1).path("sort").forEach(last::add);
    }
    return new Page(List.copyOf(readings), List.copyOf(last));
  }

  /** A page of readings and the sort values of its last hit, to ask for the next page. */
  public record Page(List<JsonNode> readings, List<JsonNode> lastSort) {}

  /** Alarms still OPEN or ACKNOWLEDGED. */
  public List<JsonNode> activeAlarms() {
    return alarms(Optional.of(List.of("OPEN", "ACKNOWLEDGED")), MAX_HITS);
  }

  /** Alarms in the given states (all when empty), newest first. */
  public List<JsonNode> alarms(Optional<List<String>> states, int size) {
    Map<String, Object> query =
        states
            .<Map<String, Object>>map(s -> Map.of("terms", Map.of("state", s)))
            .orElse(Map.of("match_all", Map.of()));
    Map<String, Object> body =
        Map.of("size", size, "query", query, "sort", List.of(Map.of("openedAt", "desc")));
    return sources(es.search(Indices.ALARMS, body));
  }

  /** One alarm document, empty when there is none with that id. */
  public Optional<JsonNode> alarm(String alarmId) {
    return es.source(Indices.ALARMS, alarmId);
  }

  /** Every device's latest status. */
  public List<JsonNode> devices() {
    return sources(
        es.search(
            Indices.DEVICES, Map.of("size", MAX_HITS, "sort", List.of(Map.of("deviceId", "asc")))));
  }

  /** Raw readings of a sensor in [from, to), oldest first, or empty when there are too many. */
  public Optional<List<JsonNode>> rawSeries(SensorRef sensor, Instant from, Instant to) {
    Map<String, Object> body =
        Map.of(
            "size", MAX_HITS,
            "track_total_hits", true,
            "query", sensorBetween(sensor, "ts", from, to),
            "sort", List.of(Map.of("ts", "asc")),
            "_source", List.of("ts", "tempC", "quality"));
    JsonNode response = es.search(Indices.READINGS, body);
    if (response.at("/hits/total/value").asLong() > MAX_HITS) {
      return Optional.empty();
    }
    return Optional.of(sources(response));
  }

  /** The sensor's 1-minute metrics in [from, to), merged into buckets of {@code bucket}. */
  public List<JsonNode> metricSeries(SensorRef sensor, Instant from, Instant to, Duration bucket) {
    Map<String, Object> body =
        Map.of(
            "size", 0,
            "query", sensorBetween(sensor, "windowStart", from, to),
            "aggs",
                Map.of(
                    "t",
                    Map.of(
                        "date_histogram",
                            Map.of(
                                "field",
                                "windowStart",
                                "fixed_interval",
                                bucket.toMinutes() + "m",
                                "min_doc_count",
                                1),
                        "aggs",
                            Map.of(
                                "avg", Map.of("avg", Map.of("field", "avg")),
                                "min", Map.of("min", Map.of("field", "min")),
                                "max", Map.of("max", Map.of("field", "max"))))));
    List<JsonNode> buckets = new ArrayList<>();
    es.search(Indices.METRICS, body).at("/aggregations/t/buckets").forEach(buckets::add);
    return buckets;
  }

  /** Alarms of a sensor whose period overlaps [from, to). */
  public List<JsonNode> alarmsOf(SensorRef sensor, Instant from, Instant to) {
    Map<String, Object> body =
        Map.of(
            "size", 500,
            "query",
                Map.of(
                    "bool",
                    Map.of(
                        "filter",
                        List.of(
                            Map.of("term", Map.of("deviceId", sensor.deviceId())),
                            Map.of("term", Map.of("sensorId", sensor.sensorId())),
                            Map.of("range", Map.of("openedAt", Map.of("lt", to.toString())))),
                        "should",
                        List.of(
                            Map.of("range", Map.of("clearedAt", Map.of("gte", from.toString()))),
                            Map.of(
                                "bool",
                                Map.of(
                                    "must_not", Map.of("exists", Map.of("field", "clearedAt"))))),
                        "minimum_should_match",
                        1)),
            "sort", List.of(Map.of("openedAt", "asc")));
    return sources(es.search(Indices.ALARMS, body));
  }

  /**
   * Per sensor, the average of each 2-minute bucket of its metrics since {@code since}: buckets
   * whose {@code key} holds {@code deviceId} and {@code sensorId}.
   */
  public List<JsonNode> sparklines(Instant since) {
    return perSensor(
        Indices.METRICS,
        Map.of("range", Map.of("windowStart", Map.of("gte", since.toString()))),
        Map.of(
            "t",
            Map.of(
                "date_histogram",
                Map.of("field", "windowStart", "fixed_interval", "2m"),
                "aggs",
                Map.of("avg", Map.of("avg", Map.of("field", "avg"))))));
  }

  /**
   * One composite bucket per sensor (device and sensor id) of the documents {@code query} matches,
   * each with {@code subAggs}, paged through {@code after_key} to the last sensor.
   */
  private List<JsonNode> perSensor(String index, Object query, Map<String, Object> subAggs) {
    List<JsonNode> buckets = new ArrayList<>();
    JsonNode afterKey = null;
    do {
      Map<String, Object> composite = new LinkedHashMap<>();
      composite.put("size", 1000);
      composite.put("sources", SENSOR_SOURCES);
      if (afterKey != null) {
        composite.put("after", afterKey);
      }
      Map<String, Object> body =
          Map.of(
              "size",
              0,
              "query",
              query,
              "aggs",
              Map.of("sensors", Map.of("composite", composite, "aggs", subAggs)));
      JsonNode sensors = es.search(index, body).at("/aggregations/sensors");
      sensors.path("buckets").forEach(buckets::add);
      afterKey = sensors.path("buckets").isEmpty() ? null : sensors.get("after_key");
    } while (afterKey != null);
    return buckets;
  }

  private static Map<String, Object> sensorBetween(
      SensorRef sensor, String field, Instant from, Instant to) {
    return Map.of(
        "bool",
        Map.of(
            "filter",
            List.of(
                Map.of("term", Map.of("deviceId", sensor.deviceId())),
                Map.of("term", Map.of("sensorId", sensor.sensorId())),
                Map.of(
                    "range", Map.of(field, Map.of("gte", from.toString(), "lt", to.toString()))))));
  }

  private static List<JsonNode> sources(JsonNode response) {
    List<JsonNode> docs = new ArrayList<>();
    response.at("/hits/hits").forEach(hit -> docs.add(hit.path("_source")));
    return docs;
  }
}
