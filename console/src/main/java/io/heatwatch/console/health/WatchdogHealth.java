package io.heatwatch.console.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the pipeline watchdog's {@code /health} document on one thread of its own, so a slow or
 * absent watchdog never holds a page or the live view. The watchdog answers 503 while a stage is
 * stalled, with the same document: both are read.
 */
public final class WatchdogHealth implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchdogHealth.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);

  private final URI url;
  private final ObjectMapper json;
  private final Clock clock;
  private final HttpClient http;
  private final ScheduledExecutorService poller;
  private volatile Reading latest;
  private Instant loggedAt;
  private long failuresSinceLog;

  /**
   * What the console last learnt from the watchdog.
   *
   * @param checkedAt when it asked
   * @param document the health document, empty when the watchdog did not give one
   * @param error why there is no document, or null
   */
  public record Reading(Instant checkedAt, Optional<JsonNode> document, String error) {}

  public WatchdogHealth(URI url, Duration pollInterval, ObjectMapper json, Clock clock) {
    this.url = url;
    this.json = json;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "console-watchdog-health");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(this::check, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The latest answer, empty before the first. */
  public Optional<Reading> latest() {
    return Optional.ofNullable(latest);
  }

  private void check() {
    Instant now = clock.instant();
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status != 200 && status != 503) {
        failed(now, "the watchdog answered HTTP " + status);
        return;
      }
      JsonNode document = json.readTree(response.body());
      if (!document.path("status").isTextual() || !document.path("stages").isArray()) {
        failed(now, "the watchdog's answer has no status and stages");
        return;
      }
      if (loggedAt != null) {
        LOG.info("watchdog {} answers again", url);
        loggedAt = null;
        failuresSinceLog = 0;
      }
      latest = new Reading(now, Optional.of(document), null);
    } catch (IOException e) {
      failed(now, "the watchdog does not answer: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failed(now, "the watchdog's answer cannot be read: " + e.getMessage());
    }
  }

  // The first failure is logged, then one line a minute with the count while it lasts.
  private void failed(Instant now, String error) {
    latest = new Reading(now, Optional.empty(), error);
    failuresSinceLog++;
    if (loggedAt == null || !now.isBefore(loggedAt.plus(LOG_EVERY))) {
      LOG.warn("watchdog {}: {} ({} failed checks)", url, error, failuresSinceLog);
      loggedAt = now;
      failuresSinceLog = 0;
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
