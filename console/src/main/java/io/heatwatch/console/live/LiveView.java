package io.heatwatch.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.heatwatch.console.es.Queries;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.SensorRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
  /** A reading stamped further ahead of the console's clock than this is never the latest. */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

  /** A sensor without a reading arriving for this long is shown as stale. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(LiveView.class);
  // Readings become searchable a little after the job stamps ingestedAt (bulk flush + refresh).
  private static final Duration OVERLAP = Duration.ofSeconds(5);
  private static final int PAGE_SIZE = 5_000;
  // Bounds one poll's work (and the time the other sources wait); the rest comes next poll.
  private static final int MAX_PAGES_PER_POLL = 20;
  private static final Duration SPARK_EVERY = Duration.ofSeconds(20);

  private final Queries queries;
  private final EventHub hub;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration pollInterval;
  private final ScheduledExecutorService poller;
  private final Map<SensorRef, JsonNode> latest = new ConcurrentHashMap<>();
  private volatile Map<String, JsonNode> activeAlarms = Map.of();
  private volatile Map<String, JsonNode> devices = Map.of();
  private volatile Map<SensorRef, JsonNode> sparks = Map.of();
  private Instant cursor;
  private List<JsonNode> resumeAfter;
  private Instant sparkedAt = Instant.EPOCH;
  private volatile boolean loaded;
  private volatile Instant refreshedAt = Instant.EPOCH;
  private volatile boolean lastRefreshFailed;
  private long failures;
  private Instant failureLoggedAt = Instant.EPOCH;

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

  /** The newest reading of each sensor, by device and sensor id. */
  public Map<SensorRef, JsonNode> latest() {
    return Map.copyOf(latest);
  }

  public Map<String, JsonNode> activeAlarms() {
    return activeAlarms;
  }

  public Map<String, JsonNode> devices() {
    return devices;
  }

  /** Per sensor, {@code [[epoch seconds…], [°C…]]} of the last hour. */
  public Map<SensorRef, JsonNode> sparks() {
    return sparks;
  }

  /**
   * Whether Elasticsearch answers the live view: its latest poll worked, and recently (a poll that
   * hangs is not yet a failed one).
   */
  public boolean elasticsearchUp() {
    Duration bound = pollInterval.multipliedBy(3).plus(Duration.ofSeconds(10));
    return loaded && !lastRefreshFailed && clock.instant().isBefore(refreshedAt.plus(bound));
  }

  // An outage fails every poll: the first failure is logged, then one line a minute with the count.
  private void refreshQuietly() {
    try {
      refresh();
      if (failures > 0) {
        LOG.info("live view refreshes again after {} failed polls", failures);
      }
      failures = 0;
      lastRefreshFailed = false;
      refreshedAt = clock.instant();
    } catch (RuntimeException e) {
      lastRefreshFailed = true;
      Instant now = clock.instant();
      if (failures++ == 0 || !now.isBefore(failureLoggedAt.plus(Duration.ofMinutes(1)))) {
        LOG.warn("live view refresh failed ({} polls so far): {}", failures, e.getMessage());
        failureLoggedAt = now;
      }
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
      for (JsonNode reading :
          queries.latestPerSensor(now.minus(Duration.ofDays(1)), now.plus(MAX_AHEAD))) {
        if (!ReadingDocs.canary(reading)) {
          latest.put(ref(reading), reading);
        }
      }
      cursor = now.minus(Duration.ofMinutes(1));
      return;
    }
    // Each poll reads again from OVERLAP before the newest arrival seen (a reading is searchable a
    // little after its ingestedAt), paging with search_after to the end; a burst too large for one
    // poll is taken up where it stopped at the next.
    Instant from = cursor.minus(OVERLAP);
    List<JsonNode> after = resumeAfter;
    Map<SensorRef, JsonNode> changed = new LinkedHashMap<>();
    resumeAfter = null;
    for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
      Queries.Page result = queries.readingsIngestedSince(from, after, PAGE_SIZE);
      for (JsonNode reading : result.readings()) {
        apply(reading, now, changed);
      }
      if (result.readings().size() < PAGE_SIZE) {
        after = null;
        break;
      }
      after = result.lastSort();
    }
    resumeAfter = after;
    if (!changed.isEmpty()) {
      ArrayNode events = json.createArrayNode();
      changed.values().forEach(events::add);
      hub.broadcast("readings", events.toString());
    }
  }

  private void apply(JsonNode reading, Instant now, Map<SensorRef, JsonNode> changed) {
    Instant ingested = Instant.parse(reading.path("ingestedAt").asText());
    if (ingested.isAfter(cursor)) {
      cursor = ingested;
    }
    if (ReadingDocs.canary(reading)) {
      return;
    }
    // A device clock far ahead would make its stamp look current for as long as it is ahead.
    if (Instant.parse(reading.path("ts").asText()).isAfter(now.plus(MAX_AHEAD))) {
      return;
    }
    SensorRef sensor = ref(reading);
    JsonNode known = latest.get(sensor);
    if (known == null || ReadingDocs.arrivedAfter(reading, known)) {
      latest.put(sensor, reading);
      changed.put(sensor, reading);
    }
  }

  /** The sensor a reading or alarm document names. */
  public static SensorRef ref(JsonNode doc) {
    return new SensorRef(doc.path("deviceId").asText(), doc.path("sensorId").asText());
  }

  /**
   * Whether a sensor whose newest reading is {@code reading} is shown as stale at {@code now}: by
   * when it arrived, so a device clock ahead cannot keep a silent sensor fresh.
   */
  public static boolean stale(JsonNode reading, Instant now) {
    return Instant.parse(reading.path("ingestedAt").asText()).isBefore(now.minus(STALE_AFTER));
  }

  private void refreshAlarms() {
    Map<String, JsonNode> now = new HashMap<>();
    for (JsonNode alarm : queries.activeAlarms()) {
      if (ReadingDocs.canary(alarm)) {
        continue;
      }
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
      // the pipeline's own ids are no devices of the fleet
      if (Pipeline.isReserved(device.path("deviceId").asText())) {
        continue;
      }
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
    Map<SensorRef, JsonNode> next = new HashMap<>();
    for (JsonNode sensor : queries.sparklines(now.minus(Duration.ofHours(1)))) {
      if (ReadingDocs.canary(sensor.path("key"))) {
        continue;
      }
      ArrayNode times = json.createArrayNode();
      ArrayNode values = json.createArrayNode();
      for (JsonNode bucket : sensor.at("/t/buckets")) {
        JsonNode avg = bucket.at("/avg/value");
        if (avg.isNumber()) {
          times.add(bucket.path("key").asLong() / 1000);
          values.add(Math.round(avg.asDouble() * 100) / 100.0);
        }
      }
      next.put(ref(sensor.path("key")), json.createArrayNode().add(times).add(values));
    }
    sparks = Map.copyOf(next);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
