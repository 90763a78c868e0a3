package io.heatwatch.watchdog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the MQTT source connector through Connect's REST API and restarts it when the connector
 * or a task is FAILED ({@code restart?includeTasks=true&onlyFailed=true}), waiting longer after
 * each restart that did not hold (doubling up to a maximum), and back to the first wait once
 * everything is RUNNING again. There is no limit on attempts: a stopped bridge stops every device.
 */
final class ConnectSupervisor {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectSupervisor.class);

  private final Rest rest;
  private final String statusUrl;
  private final String restartUrl;
  private final String connector;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Clock clock;

  private Duration backoff;
  private Instant nextRestart = Instant.MIN;
  private volatile long restarts;
  private volatile int failedTasks;
  private volatile String state = "unknown";

  ConnectSupervisor(
      Rest rest,
      String connectUrl,
      String connector,
      Duration firstBackoff,
      Duration maxBackoff,
      Clock clock) {
    this.rest = rest;
    String base = connectUrl.replaceAll("/+$", "") + "/connectors/" + encode(connector);
    this.statusUrl = base + "/status";
    this.restartUrl = base + "/restart?includeTasks=true&onlyFailed=true";
    this.connector = connector;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.backoff = firstBackoff;
    this.clock = clock;
  }

  /** Checks once, restarting what FAILED when its back-off has passed; empty when RUNNING. */
  synchronized Optional<String> check() {
    JsonNode status;
    try {
      Rest.Answer answer = rest.get(statusUrl);
      if (answer.status() == 404) {
        state = "missing";
        failedTasks = 0;
        return Optional.of("connector " + connector + " does not exist on the Connect worker");
      }
      if (!answer.ok() || answer.body() == null) {
        state = "unreachable";
        return Optional.of("Connect REST answered " + answer.status());
      }
      status = answer.body();
    } catch (IOException e) {
      state = "unreachable";
      return Optional.of("Connect REST does not answer (" + Rest.why(e) + ")");
    }
    String connectorState = status.path("connector").path("state").asText("UNKNOWN");
    int failed = 0;
    int running = 0;
    String firstFailure = null;
    for (JsonNode task : status.path("tasks")) {
      String taskState = task.path("state").asText();
      if ("FAILED".equals(taskState)) {
        failed++;
        if (firstFailure == null) {
          firstFailure = "task " + task.path("id").asText() + " FAILED: " + firstLine(task);
        }
      } else if ("RUNNING".equals(taskState)) {
        running++;
      }
    }
    failedTasks = failed;
    if ("FAILED".equals(connectorState) && firstFailure == null) {
      firstFailure = "connector FAILED: " + firstLine(status.path("connector"));
    }
    if (firstFailure != null) {
      state = "FAILED";
      restartWhenDue(firstFailure);
      return Optional.of(firstFailure);
    }
    if ("RUNNING".equals(connectorState) && running > 0) {
      state = "RUNNING";
      backoff = firstBackoff;
      return Optional.empty();
    }
    state = running == 0 && "RUNNING".equals(connectorState) ? "NO_TASKS" : connectorState;
    return Optional.of("connector " + connectorState + " with " + running + " task(s) RUNNING");
  }

  private void restartWhenDue(String failure) {
    Instant now = clock.instant();
    if (now.isBefore(nextRestart)) {
      return;
    }
    try {
      Rest.Answer answer = rest.post(restartUrl, null);
      if (!answer.ok()) {
        LOG.warn("restart of connector {} refused: HTTP {}", connector, answer.status());
        return;
      }
    } catch (IOException e) {
      LOG.warn("restart of connector {} failed: {}", connector, Rest.why(e));
      return;
    } finally {
      nextRestart = now.plus(backoff);
    }
    restarts++;
    LOG.warn(
        "restarted connector {} ({}), restart {}; next one not before {} s",
        connector,
        failure,
        restarts,
        backoff.toSeconds());
    backoff =
        backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
  }

  long restarts() {
    return restarts;
  }

  int failedTasks() {
    return failedTasks;
  }

  String state() {
    return state;
  }

  private static String firstLine(JsonNode node) {
    String trace = node.path("trace").asText("");
    int nl = trace.indexOf('\n');
    String line = nl < 0 ? trace : trace.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
