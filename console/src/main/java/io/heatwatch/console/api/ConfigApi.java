package io.heatwatch.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.audit.AuditLog;
import io.heatwatch.console.auth.Sessions.Session;
import io.heatwatch.console.kafka.CommandPublisher;
import io.heatwatch.console.kafka.SensorConfigs;
import io.heatwatch.console.live.LiveView;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorRef;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code PUT /api/sensors/{deviceId}/{sensorId}/config}: a sensor's thresholds to the compacted
 * {@code heatwatch.sensor-config} topic, keyed by {@link SensorRef#key()}, where the job (broadcast
 * state) and the device (downlink) pick them up. Empty fields mean the default of the sensor's
 * {@code profile}, or the job's default without one.
 */
public final class ConfigApi {
  static final Set<String> FIELDS =
      Set.of(
          "name",
          "highC",
          "lowC",
          "hysteresisC",
          "maxRateCPerMin",
          "minDurationS",
          "spikeZ",
          "silentAfterS",
          "profile");

  /** Longest silence bound a sensor may have: a week, the job's default retirement period. */
  static final long MAX_SILENT_AFTER_S = 7 * 86_400;

  private final SensorConfigs configs;
  private final LiveView live;
  private final CommandPublisher commands;
  private final AuditLog audit;
  private final Exchanges io;
  private final Clock clock;

  public ConfigApi(
      SensorConfigs configs,
      LiveView live,
      CommandPublisher commands,
      AuditLog audit,
      Exchanges io,
      Clock clock) {
    this.configs = configs;
    this.live = live;
    this.commands = commands;
    this.audit = audit;
    this.io = io;
    this.clock = clock;
  }

  public void put(HttpServerExchange exchange) {
    Session session = exchange.getAttachment(Exchanges.SESSION);
    SensorRef sensor = SensorsApi.sensorOf(exchange);
    JsonNode body = io.body(exchange, FIELDS);
    Optional<SensorConfig> before = configs.get(sensor);
    String site = siteOf(sensor, before);
    Long silentAfterS = seconds(body, "silentAfterS", MAX_SILENT_AFTER_S);
    if (silentAfterS != null && silentAfterS == 0) {
      throw ApiException.badField("silentAfterS", 0, "must be > 0 (null: the job's bound)");
    }
    SensorConfig config;
    try {
      config =
          SensorConfig.builder()
              .sensorId(sensor.sensorId())
              .site(site)
              .deviceId(sensor.deviceId())
              .name(text(body, "name", 200))
              .highC(number(body, "highC", -55, 125))
              .lowC(number(body, "lowC", -55, 125))
              .hysteresisC(number(body, "hysteresisC", 0, 20))
              .maxRateCPerMin(positive(body, "maxRateCPerMin", 100))
              .minDurationS(seconds(body, "minDurationS", 86_400))
              .spikeZ(number(body, "spikeZ", 1, 50))
              .updatedAt(clock.instant())
              .updatedBy(session.user())
              .silentAfterS(silentAfterS)
              .profile(Profiles.parse(body))
              .retiredAt(
                  before
                      .filter(b -> !SensorsApi.backSince(live.latest().get(sensor), b))
                      .map(SensorConfig::retiredAt)
                      .orElse(null))
              .build();
    } catch (InvalidPayloadException e) {
      throw new ApiException(400, e.field(), e.getMessage());
    }
    commands.send(config);
    configs.written(config);
    audit.write(
        session.user(),
        session.role().label(),
        "sensor.config",
        sensor.key(),
        before.orElse(null),
        config);
    io.send(exchange, 200, config);
  }

  /**
   * {@code POST /api/sensors/{deviceId}/{sensorId}/retire}: the sensor's config again with {@code
   * retiredAt} now. The job clears the sensor's alarms and frees its state; the live view leaves it
   * out until it reports again.
   */
  public void retire(HttpServerExchange exchange) {
    Session session = exchange.getAttachment(Exchanges.SESSION);
    SensorRef sensor = SensorsApi.sensorOf(exchange);
    JsonNode body = io.body(exchange, Set.of("comment"));
    String comment = text(body, "comment", 500);
    Optional<SensorConfig> before = configs.get(sensor);
    String site = siteOf(sensor, before);
    Instant now = clock.instant();
    SensorConfig config =
        before
            .map(b -> retired(b, now, session.user()))
            .orElseGet(
                () ->
                    SensorConfig.builder()
                        .sensorId(sensor.sensorId())
                        .site(site)
                        .deviceId(sensor.deviceId())
                        .updatedAt(now)
                        .updatedBy(session.user())
                        .retiredAt(now)
                        .build());
    commands.send(config);
    configs.written(config);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("config", config);
    after.put("comment", comment);
    audit.write(
        session.user(),
        session.role().label(),
        "sensor.retire",
        sensor.key(),
        before.orElse(null),
        after);
    io.send(exchange, 200, config);
  }

  private static SensorConfig retired(SensorConfig c, Instant now, String by) {
    return c.toBuilder().updatedAt(now).updatedBy(by).retiredAt(now).build();
  }

  /** The site of a sensor that has a config or has sent a reading; any other is a 404. */
  private String siteOf(SensorRef sensor, Optional<SensorConfig> config) {
    if (Pipeline.isReserved(sensor.deviceId())) {
      throw new ApiException(404, "deviceId", sensor.deviceId() + " is heatwatch's own, no sensor");
    }
    JsonNode latest = live.latest().get(sensor);
    if (config.isEmpty() && latest == null) {
      throw new ApiException(404, "sensorId", "no sensor " + sensor + " has sent a reading");
    }
    return config.map(SensorConfig::site).orElseGet(() -> latest.path("site").asText());
  }

  private static Double number(JsonNode body, String field, double min, double max) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      throw ApiException.badField(field, node, "must be a number or null");
    }
    double value = node.asDouble();
    if (value < min || value > max) {
      throw ApiException.badField(field, value, "must be within " + min + ".." + max);
    }
    return value;
  }

  private static Double positive(JsonNode body, String field, double max) {
    Double value = number(body, field, 0, max);
    if (value != null && value <= 0) {
      throw ApiException.badField(field, value, "must be > 0");
    }
    return value;
  }

  private static Long seconds(JsonNode body, String field, long max) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > max) {
      throw ApiException.badField(field, node, "must be a whole number of seconds 0.." + max);
    }
    return node.asLong();
  }

  private static String text(JsonNode body, String field, int maxLength) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().length() > maxLength) {
      throw ApiException.badField(
          field, node, "must be text of at most " + maxLength + " characters");
    }
    String value = node.asText().strip();
    return value.isEmpty() ? null : value;
  }
}
