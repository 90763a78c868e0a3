package io.heatwatch.watchdog;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.TelemetryCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Elasticsearch as the watchdog sees it: whether the cluster answers, whether the job indexed the
 * canary ({@value #CANARY_INDEX}, {@code _id = deviceId:seq} like readings), and the alarms index
 * the watchdog writes PIPELINE_STALLED to directly.
 */
final class ElasticsearchWatch {
  /** The index the job writes canary readings to, out of operators' readings and figures. */
  static final String CANARY_INDEX = "heatwatch-canary";

  /** The job's alarms index (cloud-job {@code IndexNames.ALARMS}). */
  static final String ALARMS_INDEX = "heatwatch-alarms";

  /**
   * The job's alarm update script (cloud-job {@code AlarmEmitter.APPLY_IF_NEWER}): a version
   * replaces the document only when it is higher, so the job and the watchdog never regress one.
   */
  static final String APPLY_IF_NEWER =
      "if (ctx._source.version == null || params.doc.version > ctx._source.version) {"
          + " ctx._source.clear(); ctx._source.putAll(params.doc); }"
          + " else { ctx.op = 'noop'; }";

  private final Rest rest;
  private final String base;
  private final AtomicLong indexed = new AtomicLong(-1);

  ElasticsearchWatch(Rest rest, String url) {
    this.rest = rest;
    this.base = url.replaceAll("/+$", "");
  }

  /** Why Elasticsearch is down (no answer, or a red cluster), empty when it answers. */
  Optional<String> check() {
    try {
      Rest.Answer health = rest.get(base + "/_cluster/health");
      if (!health.ok() || health.body() == null) {
        return Optional.of("Elasticsearch answered HTTP " + health.status());
      }
      String status = health.body().path("status").asText();
      return "red".equals(status) ? Optional.of("Elasticsearch cluster is red") : Optional.empty();
    } catch (IOException e) {
      return Optional.of("Elasticsearch does not answer (" + Rest.why(e) + ")");
    }
  }

  /**
   * Looks for canary seqs newer than the freshest already found (real-time GETs, no refresh
   * needed); {@code candidates} are seqs that reached Kafka.
   */
  void lookFor(List<Long> candidates) {
    List<String> ids = new ArrayList<>();
    for (long seq : candidates) {
      if (seq > indexed.get()) {
        ids.add(Pipeline.CANARY_DEVICE_ID + ":" + seq);
      }
    }
    if (ids.isEmpty()) {
      return;
    }
    try {
      Rest.Answer answer = rest.post(base + "/" + CANARY_INDEX + "/_mget", Map.of("ids", ids));
      if (!answer.ok() || answer.body() == null) {
        return;
      }
      for (JsonNode doc : answer.body().path("docs")) {
        if (doc.path("found").asBoolean(false)) {
          String id = doc.path("_id").asText();
          long seq = Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
          indexed.accumulateAndGet(seq, Math::max);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // counted as not indexed; check() says whether Elasticsearch itself is down
    }
  }

  /** The publish time of the freshest canary the job indexed. */
  Optional<Instant> passed() {
    long seq = indexed.get();
    return seq < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(seq));
  }

  /** Writes an alarm version as the job does (upsert by alarmId, only a higher version wins). */
  void write(Alarm alarm) throws IOException {
    Map<String, Object> doc = TelemetryCodec.fields(alarm);
    Map<String, Object> body =
        Map.of(
            "script",
            Map.of("source", APPLY_IF_NEWER, "lang", "painless", "params", Map.of("doc", doc)),
            "upsert",
            doc);
    Rest.Answer answer =
        rest.post(
            base + "/" + ALARMS_INDEX + "/_update/" + alarm.alarmId() + "?retry_on_conflict=3",
            body);
    if (!answer.ok()) {
      throw new IOException(
          "Elasticsearch answered HTTP " + answer.status() + ": " + answer.body());
    }
  }

  /** The PIPELINE_STALLED alarms a previous run left open, newest version first. */
  List<Alarm> openStallAlarms() throws IOException {
    Map<String, Object> query =
        Map.of(
            "size",
            10,
            "query",
            Map.of(
                "bool",
                Map.of(
                    "filter",
                    List.of(
                        Map.of("term", Map.of("deviceId", Pipeline.DEVICE_ID)),
                        Map.of("term", Map.of("kind", AlarmKind.PIPELINE_STALLED.name()))),
                    "must_not",
                    List.of(Map.of("term", Map.of("state", "CLEARED"))))));
    Rest.Answer answer = rest.post(base + "/" + ALARMS_INDEX + "/_search", query);
    if (answer.status() == 404) {
      return List.of();
    }
    if (!answer.ok() || answer.body() == null) {
      throw new IOException("Elasticsearch answered HTTP " + answer.status());
    }
    List<Alarm> open = new ArrayList<>();
    for (JsonNode hit : answer.body().path("hits").path("hits")) {
      open.add(TelemetryCodec.decodeAlarm(Rest.JSON.writeValueAsBytes(hit.path("_source"))));
    }
    open.sort((a, b) -> Long.compare(b.version(), a.version()));
    return open;
  }
}
