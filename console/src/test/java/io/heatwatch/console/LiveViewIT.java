package io.heatwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.console.es.EsClient;
import io.heatwatch.console.es.Queries;
import io.heatwatch.console.live.EventHub;
import io.heatwatch.console.live.LiveView;
import io.heatwatch.job.sinks.IndexNames;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.SensorRef;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live view against the real Elasticsearch, with readings written as the job writes them (bulk,
 * {@code _id = deviceId:seq}, {@code ingestedAt} stamped by the job): bursts, wrong device clocks
 * and two devices with the same sensor name.
 */
@ExtendWith(ElasticsearchExtension.class)
class LiveViewIT {
  private static final ObjectMapper JSON = ConsoleServer.json();
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final String device = "lv-" + UUID.randomUUID().toString().substring(0, 8);
  private ElasticsearchHttp es;
  private LiveView live;

  @BeforeEach
  void start(ElasticsearchServer elasticsearch) {
    IndexTemplates.install(elasticsearch.httpUrl());
    es = new ElasticsearchHttp(elasticsearch.httpUrl());
    Queries queries =
        new Queries(
            new EsClient(
                URI.create(elasticsearch.httpUrl()), Optional.empty(), Optional.empty(), JSON));
    live =
        new LiveView(
            queries, new EventHub(1, 1, 1), JSON, Clock.systemUTC(), Duration.ofMillis(200));
    live.refresh(); // the first refresh loads what is there and sets the cursor
  }

  @AfterEach
  void stop() {
    live.close();
  }

  @Test
  void aBurstOfMoreThanAPageInOneInstantDoesNotFreezeTheView() {
    // 10,050 readings the job passed on in the same millisecond (a catch-up burst): more than one
    // Elasticsearch page of 10,000 share one ingestedAt.
    Instant burst = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    StringBuilder bulk = new StringBuilder();
    int sensors = 50;
    int perSensor = 201;
    long seq = 0;
    for (int i = 0; i < perSensor; i++) {
      for (int s = 0; s < sensors; s++) {
        bulk.append(doc(device, "t" + s, ++seq, burst.minusSeconds(30), 20.0 + i * 0.01, burst));
      }
    }
    bulkIndex(bulk);
    live.refresh();
    // then one newer reading of sensor t0
    Instant later = burst.plusMillis(800);
    bulkIndex(new StringBuilder(doc(device, "t0", ++seq, later.minusSeconds(1), 33.3, later)));

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              live.refresh();
              JsonNode t0 = latest(device, "t0");
              assertThat(t0).isNotNull();
              assertThat(t0.path("tempC").asDouble()).isEqualTo(33.3);
            });
    // and every sensor of the burst shows its last reading of the burst (same ingestedAt: by seq)
    for (int s = 1; s < sensors; s++) {
      assertThat(latest(device, "t" + s).path("tempC").asDouble())
          .as("t%d", s)
          .isEqualTo(20.0 + (perSensor - 1) * 0.01, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void theLatestValueIsTheLastToArriveAndAFutureStampIsNeverLatest() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // a device whose clock is a year ahead, then the same device with its clock corrected
    bulkIndex(
        new StringBuilder()
            .append(doc(device, "wrong-clock", 1, now.plus(365, ChronoUnit.DAYS), 99.0, now))
            .append(doc(device, "wrong-clock", 2, now.minusSeconds(1), 21.5, now.plusMillis(500)))
            // a sensor whose only reading is stamped 10 min ahead: never shown as the current one
            .append(doc(device, "ahead", 3, now.plus(10, ChronoUnit.MINUTES), 50.0, now))
            // arrival decides, not device time: the later arrival has the older stamp
            .append(doc(device, "replayed", 4, now.minusSeconds(5), 22.0, now))
            .append(doc(device, "replayed", 5, now.minusSeconds(60), 23.0, now.plusMillis(300))));

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              live.refresh();
              assertThat(latest(device, "wrong-clock")).isNotNull();
              assertThat(latest(device, "wrong-clock").path("tempC").asDouble()).isEqualTo(21.5);
              assertThat(latest(device, "replayed")).isNotNull();
              assertThat(latest(device, "replayed").path("tempC").asDouble()).isEqualTo(23.0);
            });
    assertThat(latest(device, "ahead")).isNull();
  }

  @Test
  void twoDevicesWithTheSameSensorIdAreTwoSensors() {
    String other = "lv-" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    bulkIndex(
        new StringBuilder()
            .append(doc(device, "probe", 1, now.minusSeconds(1), 4.0, now))
            .append(doc(other, "probe", 1, now.minusSeconds(1), -18.0, now.plusMillis(1))));

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              live.refresh();
              assertThat(live.latest().get(new SensorRef(device, "probe"))).isNotNull();
              assertThat(live.latest().get(new SensorRef(other, "probe"))).isNotNull();
            });
    assertThat(live.latest().get(new SensorRef(device, "probe")).path("tempC").asDouble())
        .isEqualTo(4.0);
    assertThat(live.latest().get(new SensorRef(other, "probe")).path("tempC").asDouble())
        .isEqualTo(-18.0);
  }

  @Test
  void aSensorIsStaleByArrivalTimeNotByItsOwnStamp() {
    Instant now = Instant.now();
    // stamped 4 min ahead (within what the view accepts) but it arrived 3 min ago
    JsonNode arrivedLongAgo =
        JSON.valueToTree(
            Map.of(
                "ts", now.plus(4, ChronoUnit.MINUTES).toString(),
                "ingestedAt", now.minus(3, ChronoUnit.MINUTES).toString()));
    JsonNode arrivedJustNow =
        JSON.valueToTree(
            Map.of(
                "ts", now.minus(1, ChronoUnit.HOURS).toString(),
                "ingestedAt", now.minusSeconds(5).toString()));
    assertThat(LiveView.stale(arrivedLongAgo, now)).isTrue();
    assertThat(LiveView.stale(arrivedJustNow, now)).isFalse();
  }

  /** The live view's newest reading of a sensor, found by its fields (whatever the map's key). */
  private JsonNode latest(String deviceId, String sensorId) {
    return live.latest().values().stream()
        .filter(r -> r.path("deviceId").asText().equals(deviceId))
        .filter(r -> r.path("sensorId").asText().equals(sensorId))
        .findFirst()
        .orElse(null);
  }

  private StringBuilder doc(
      String deviceId, String sensorId, long seq, Instant ts, double tempC, Instant ingestedAt) {
    Map<String, Object> source = new LinkedHashMap<>();
    // Other ITs share this Elasticsearch, and the overview sorts by site: a site that sorts last
    // keeps these ~55 sensors from pushing ConsoleBrowserIT's tiles off its screen.
    source.put("site", "zz-live-view-it");
    source.put("deviceId", deviceId);
    source.put("sensorId", sensorId);
    source.put("seq", seq);
    source.put("ts", ts.toString());
    source.put("tempC", tempC);
    source.put("quality", "OK");
    source.put("ingestedAt", ingestedAt.toString());
    try {
      return new StringBuilder()
          .append(
              JSON.writeValueAsString(
                  Map.of(
                      "index",
                      Map.of("_index", IndexNames.readings(ts), "_id", deviceId + ":" + seq))))
          .append('\n')
          .append(JSON.writeValueAsString(source))
          .append('\n');
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void bulkIndex(StringBuilder ndjson) {
    JsonNode answer = es.request("POST", "/_bulk?refresh=true", ndjson.toString());
    assertThat(answer.path("errors").asBoolean()).as("bulk errors: %s", answer).isFalse();
  }
}
