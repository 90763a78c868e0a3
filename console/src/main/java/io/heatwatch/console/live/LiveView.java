package io.heatwatch.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heatwatch.console.es.Queries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the overview shows, kept in memory and refreshed from Elasticsearch by one poller: the
 * newest reading per sensor, active alarms, devices and last-hour sparklines. Each refresh pushes
 * what changed to the {@link EventHub}, so every open page is live from one query per source.
 */
public final class LiveView implements AutoCloseable {
  /** A sensor without a reading for this long is shown as stale. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(LiveView.class);
  // Readings become searchable a little after the job stamps ingestedAt (bulk flush + refresh).
  private static final Duration OVERLAP = Duration.ofSeconds(5);
  private static final Duration SPARK_EVERY = Duration.ofSeconds(20);

  private final Queries queries;
  private final EventHub hub;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration pollInterval;
  private final ScheduledExecutorService poller;
  private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
  private volatile Map<String, JsonNode> activeAlarms = Map.of();
  private volatile Map<String, JsonNode> devices = Map.of();
  private volatile Map<String, JsonNode> sparks = Map.of();
  private Instant cursor;
  private Instant sparkedAt = Instant.EPOCH;
  private volatile boolean loaded;

  public LiveView(
      Queries queries, EventHub hub, ObjectMapper json, Clock clock, Duration pollInterval) {
    this.queries = queries;
    this.hub = hub;
    this.json = json;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "console-live-view");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts polling; the first refresh runs at once. */
  public void start() {
    poller.scheduleWithFixedDelay(
        this::refreshQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the first refresh has completed. */
  public boolean loaded() {
    return loaded;
  }

  public Map<String, JsonNode> latest() {
    return Map.copyOf(latest);
  }

  public Map<String, JsonNode> activeAlarms() {
    return activeAlarms;
  }

  public Map<String, JsonNode> devices() {
    return devices;
  }

  /** Per sensor, {@code [[epoch seconds…], [°C…]]} of the last hour. */
  public Map<String, JsonNode> sparks() {
    return sparks;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("live view refresh failed: {}", e.getMessage());
    }
  }

  /** One poll of every source; public for tests that do not want to wait. */
  public synchronized void refresh() {
    Instant now = clock.instant();
    refreshReadings(now);
    refreshAlarms();
    refreshDevices();
    if (!now.isBefore(sparkedAt.plus(SPARK_EVERY))) {
      refreshSparks(now);
      sparkedAt = now;
    }
    loaded = true;
  }

  private void refreshReadings(Instant now) {
    if (cursor == null) {
      for (JsonNode reading : queries.latestPerSensor(now.minus(Duration.ofDays(1)))) {
        latest.put(reading.path("sensorId").asText(), reading);
      }
      cursor = now.minus(Duration.ofMinutes(1));
      return;
    }
    ArrayNode changed = json.createArrayNode();
    for (JsonNode reading : queries.readingsIngestedSince(cursor.minus(OVERLAP))) {
      Instant ingested = Instant.parse(reading.path("ingestedAt").asText());
      if (ingested.isAfter(cursor)) {
        cursor = ingested;
      }
      String sensor = reading.path("sensorId").asText();
      JsonNode known = latest.get(sensor);
      if (known == null || newer(reading, known)) {
        ((ObjectNode) reading).remove("ingestedAt");
        latest.put(sensor, reading);
        changed.add(reading);
      }
    }
    if (!changed.isEmpty()) {
      hub.broadcast("readings", changed.toString());
    }
  }

  private static boolean newer(JsonNode reading, JsonNode known) {
    return Instant.parse(reading.path("ts").asText())
        .isAfter(Instant.parse(known.path("ts").asText()));
  }

  private void refreshAlarms() {
    Map<String, JsonNode> now = new HashMap<>();
    for (JsonNode alarm : queries.activeAlarms()) {
      now.put(alarm.path("alarmId").asText(), alarm);
    }
    Map<String, JsonNode> before = activeAlarms;
    List<JsonNode> changed = new ArrayList<>();
    now.forEach(
        (id, alarm) -> {
          JsonNode old = before.get(id);
          if (old == null || old.path("version").asLong() != alarm.path("version").asLong()) {
            changed.add(alarm);
          }
        });
    for (String gone : before.keySet()) {
      if (!now.containsKey(gone)) {
        queries.alarm(gone).ifPresent(changed::add);
      }
    }
    activeAlarms = Map.copyOf(now);
    if (loaded) {
      changed.forEach(alarm -> hub.broadcast("alarm", alarm.toString()));
    }
  }

  private void refreshDevices() {
    Map<String, JsonNode> now = new HashMap<>();
    for (JsonNode device : queries.devices()) {
      now.put(device.path("deviceId").asText(), device);
    }
    Map<String, JsonNode> before = devices;
    devices = Map.copyOf(now);
    if (loaded) {
      now.forEach(
          (id, device) -> {
            if (!device.equals(before.get(id))) {
              hub.broadcast("device", device.toString());
            }
          });
    }
  }

  private void refreshSparks(Instant now) {
    Map<String, JsonNode> next = new HashMap<>();
    for (JsonNode sensor : queries.sparklines(now.minus(Duration.ofHours(1)))) {
      ArrayNode times = json.createArrayNode();
      ArrayNode values = json.createArrayNode();
      for (JsonNode bucket : sensor.at("/t/buckets")) {
        JsonNode avg = bucket.at("/avg/value");
        if (avg.isNumber()) {
          times.add(bucket.path("key").asLong() / 1000);
          values.add(Math.round(avg.asDouble() * 100) / 100.0);
        }
      }
      next.put(sensor.path("key").asText(), json.createArrayNode().add(times).add(values));
    }
    sparks = Map.copyOf(next);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
