package io.heatwatch.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.config.ConsoleConfig.DefaultThresholds;
import io.heatwatch.console.es.Queries;
import io.heatwatch.console.kafka.SensorConfigs;
import io.heatwatch.console.live.LiveView;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorRef;
import io.heatwatch.model.Thresholds;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/sensors} and {@code GET /api/sensors/{deviceId}/{sensorId}/series}: a sensor is
 * named by its device and its id, since sensor ids are unique per device only.
 */
public final class SensorsApi {
  /** Longest series a page may ask for. */
  static final Duration MAX_RANGE = Duration.ofDays(31);

  /** Most points a long series is merged into. */
  static final int TARGET_POINTS = 1500;

  private final LiveView live;
  private final Queries queries;
  private final SensorConfigs configs;
  private final DefaultThresholds defaults;
  private final Thresholds jobDefaults;
  private final Map<String, Map<String, Object>> profiles;
  private final Duration rawMaxRange;
  private final Exchanges io;
  private final Clock clock;

  public SensorsApi(
      LiveView live,
      Queries queries,
      SensorConfigs configs,
      DefaultThresholds defaults,
      Duration rawMaxRange,
      Exchanges io,
      Clock clock) {
    this.live = live;
    this.queries = queries;
    this.configs = configs;
    this.defaults = defaults;
    this.jobDefaults = Profiles.jobDefaults(defaults);
    this.profiles = Profiles.all(jobDefaults);
    this.rawMaxRange = rawMaxRange;
    this.io = io;
    this.clock = clock;
  }

  /** Every sensor with its newest reading, device state, open alarms and sparkline. */
  public void overview(HttpServerExchange exchange) {
    io.send(exchange, 200, Map.of("loaded", live.loaded(), "sensors", sensors()));
  }

  /** The overview's rows, sorted by site, device and sensor. */
  public List<Map<String, Object>> sensors() {
    Instant now = clock.instant();
    Map<SensorRef, List<Map<String, Object>>> alarmsBySensor = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> alarmsByDevice = new LinkedHashMap<>();
    for (JsonNode alarm : live.activeAlarms().values()) {
      String sensorId = alarm.path("sensorId").asText("");
      String deviceId = alarm.path("deviceId").asText("");
      if (sensorId.isEmpty()) {
        alarmsByDevice
            .computeIfAbsent(deviceId, k -> new ArrayList<>())
            .add(AlarmsApi.brief(alarm));
      } else {
        alarmsBySensor
            .computeIfAbsent(LiveView.ref(alarm), k -> new ArrayList<>())
            .add(AlarmsApi.brief(alarm));
      }
    }
    Map<String, JsonNode> devices = live.devices();
    Map<SensorRef, JsonNode> sparks = live.sparks();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<SensorRef, JsonNode> latest : live.latest().entrySet()) {
      SensorRef ref = latest.getKey();
      JsonNode reading = latest.getValue();
      Optional<SensorConfig> config = configs.get(ref);
      if (config.filter(c -> c.retired() && !backSince(reading, c)).isPresent()) {
        continue;
      }
      String sensorId = ref.sensorId();
      String deviceId = ref.deviceId();
      JsonNode device = devices.get(deviceId);
      String deviceState = device == null ? "UNKNOWN" : device.path("state").asText("UNKNOWN");
      Instant ts = Instant.parse(reading.path("ts").asText());
      List<Map<String, Object>> alarms =
          new ArrayList<>(alarmsBySensor.getOrDefault(ref, List.of()));
      alarms.addAll(alarmsByDevice.getOrDefault(deviceId, List.of()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("key", ref.key());
      row.put("sensorId", sensorId);
      row.put("site", reading.path("site").asText());
      row.put("deviceId", deviceId);
      row.put("name", config.map(SensorConfig::name).orElse(null));
      row.put("ts", ts.toString());
      row.put("receivedAt", reading.path("ingestedAt").asText(null));
      row.put("tempC", reading.path("tempC").isNumber() ? reading.path("tempC").asDouble() : null);
      row.put("quality", reading.path("quality").asText());
      row.put("deviceState", deviceState);
      row.put("stale", LiveView.stale(reading, now) || "OFFLINE".equals(deviceState));
      row.put("alarms", alarms);
      row.put("spark", sparks.get(ref));
      rows.add(row);
    }
    rows.sort(
        Comparator.comparing((Map<String, Object> r) -> (String) r.get("site"))
            .thenComparing(r -> (String) r.get("deviceId"))
            .thenComparing(r -> (String) r.get("sensorId")));
    return rows;
  }

  /**
   * Whether a retired sensor has reported again: its newest reading arrived after {@code retiredAt}
   * (by arrival, as staleness: a device clock decides nothing).
   */
  static boolean backSince(JsonNode latest, SensorConfig config) {
    return config.retiredAt() != null
        && latest != null
        && Instant.parse(latest.path("ingestedAt").asText()).isAfter(config.retiredAt());
  }

  /** {@code GET /api/sensors/{deviceId}/{sensorId}/series?from=&to=}. */
  public void series(HttpServerExchange exchange) {
    SensorRef sensor = sensorOf(exchange);
    if (Pipeline.isReserved(sensor.deviceId())) {
      throw new ApiException(404, "deviceId", sensor.deviceId() + " is heatwatch's own, no sensor");
    }
    Instant to = instant(exchange, "to", clock.instant());
    Instant from = instant(exchange, "from", to.minus(Duration.ofHours(1)));
    if (!from.isBefore(to)) {
      throw ApiException.badField("from", from, "must be before to " + to);
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw ApiException.badField("from", from, "range longer than " + MAX_RANGE.toDays() + " d");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", sensor.key());
    body.put("deviceId", sensor.deviceId());
    body.put("sensorId", sensor.sensorId());
    body.put("from", from.toString());
    body.put("to", to.toString());
    Optional<List<JsonNode>> raw =
        Duration.between(from, to).compareTo(rawMaxRange) <= 0
            ? queries.rawSeries(sensor, from, to)
            : Optional.empty();
    if (raw.isPresent()) {
      body.put("resolution", "raw");
      body.put("points", rawPoints(raw.get()));
    } else {
      Duration bucket = bucket(from, to);
      body.put("resolution", bucket.toMinutes() + "m");
      body.put("points", metricPoints(queries.metricSeries(sensor, from, to, bucket)));
    }
    body.put("thresholds", thresholds(sensor));
    body.put("config", configs.get(sensor).orElse(null));
    body.put("defaults", defaults);
    body.put("profiles", profiles);
    body.put("latest", live.latest().get(sensor));
    List<Map<String, Object>> alarms = new ArrayList<>();
    queries.alarmsOf(sensor, from, to).forEach(a -> alarms.add(AlarmsApi.brief(a)));
    body.put("alarms", alarms);
    io.send(exchange, 200, body);
  }

  /**
   * The thresholds the job applies to the sensor: its own config over its profile's defaults over
   * the job's, by the job's own {@link Thresholds#with(SensorConfig)}.
   */
  Map<String, Object> thresholds(SensorRef sensor) {
    Optional<SensorConfig> own = configs.get(sensor);
    Map<String, Object> t = Profiles.view(jobDefaults.with(own.orElse(null)));
    t.put("profile", own.map(SensorConfig::profile).map(Enum::name).orElse(null));
    return t;
  }

  /** The sensor a route names by {@code {deviceId}/{sensorId}}; a malformed id is a 400. */
  static SensorRef sensorOf(HttpServerExchange exchange) {
    try {
      return new SensorRef(
          Exchanges.path(exchange, "deviceId"), Exchanges.path(exchange, "sensorId"));
    } catch (InvalidPayloadException e) {
      throw new ApiException(400, e.field(), e.getMessage());
    }
  }

  /** Whole minutes, so that a range is at most about {@value #TARGET_POINTS} points. */
  static Duration bucket(Instant from, Instant to) {
    long minutes = Duration.between(from, to).toMinutes();
    return Duration.ofMinutes(Math.max(1, (minutes + TARGET_POINTS - 1) / TARGET_POINTS));
  }

  private static Map<String, Object> rawPoints(List<JsonNode> readings) {
    List<Long> t = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    for (JsonNode r : readings) {
      t.add(Instant.parse(r.path("ts").asText()).toEpochMilli());
      v.add(r.path("tempC").isNumber() ? r.path("tempC").asDouble() : null);
    }
    return Map.of("t", t, "v", v);
  }

  private static Map<String, Object> metricPoints(List<JsonNode> buckets) {
    List<Long> t = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    List<Double> min = new ArrayList<>();
    List<Double> max = new ArrayList<>();
    for (JsonNode b : buckets) {
      t.add(b.path("key").asLong());
      v.add(number(b.at("/avg/value")));
      min.add(number(b.at("/min/value")));
      max.add(number(b.at("/max/value")));
    }
    return Map.of("t", t, "v", v, "min", min, "max", max);
  }

  private static Double number(JsonNode node) {
    return node.isNumber() ? node.asDouble() : null;
  }

  private static Instant instant(HttpServerExchange exchange, String name, Instant fallback) {
    String value = Exchanges.query(exchange, name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badField(
          name, value, "expected an ISO-8601 instant such as 2026-11-24T10:00:00Z");
    }
  }
}
