package io.heatwatch.watchdog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Watches the heatwatch job through the JobManager's REST API ({@code /jobs/overview}): its state,
 * and how often it restarted ({@code numRestarts}). The job restarts itself without a limit; the
 * watchdog only reports.
 */
final class FlinkProbe {
  private static final Set<String> TERMINAL = Set.of("FAILED", "CANCELED", "FINISHED");

  private final Rest rest;
  private final String base;
  private final String jobName;
  private volatile String state = "unknown";
  private volatile long restarts = -1;

  FlinkProbe(Rest rest, String url, String jobName) {
    this.rest = rest;
    this.base = url.replaceAll("/+$", "");
    this.jobName = jobName;
  }

  /** Why the job is not running, empty when it is RUNNING. */
  Optional<String> check() {
    JsonNode job;
    try {
      Rest.Answer overview = rest.get(base + "/jobs/overview");
      if (!overview.ok() || overview.body() == null) {
        state = "unreachable";
        return Optional.of("Flink REST answered HTTP " + overview.status());
      }
      job = pick(overview.body().path("jobs"));
    } catch (IOException e) {
      state = "unreachable";
      return Optional.of("the Flink JobManager does not answer (" + Rest.why(e) + ")");
    }
    if (job == null) {
      state = "missing";
      return Optional.of("no job named " + jobName + " on the Flink cluster");
    }
    state = job.path("state").asText("UNKNOWN");
    restarts = readRestarts(job.path("jid").asText());
    return "RUNNING".equals(state) ? Optional.empty() : Optional.of("the job is " + state);
  }

  /** The newest job of that name still alive, or else the newest that ended. */
  private JsonNode pick(JsonNode jobs) {
    JsonNode best = null;
    for (JsonNode j : jobs) {
      if (!j.path("name").asText().startsWith(jobName)) {
        continue;
      }
      if (best == null || rank(j) > rank(best)) {
        best = j;
      }
    }
    return best;
  }

  private static long rank(JsonNode job) {
    long start = job.path("start-time").asLong();
    return TERMINAL.contains(job.path("state").asText()) ? start : Long.MAX_VALUE / 2 + start;
  }

  private long readRestarts(String jid) {
    try {
      Rest.Answer m = rest.get(base + "/jobs/" + jid + "/metrics?get=numRestarts");
      if (m.ok() && m.body() != null && m.body().size() > 0) {
        return m.body().get(0).path("value").asLong(-1);
      }
    } catch (IOException e) {
      // unknown this time
    }
    return -1;
  }

  String state() {
    return state;
  }

  /** Restarts of the job so far, -1 when unknown. */
  long restarts() {
    return restarts;
  }
}
