package io.heatwatch.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Bulk-loads a day of readings, metrics, devices and alarms straight into Elasticsearch. */
final class BenchLoader {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu.MM.dd").withZone(ZoneOffset.UTC);

  private final String url;
  private final HttpClient http = HttpClient.newHttpClient();
  private final StringBuilder batch = new StringBuilder();
  private long seq = 1_000_000;
  private int inBatch;

  BenchLoader(String url) {
    this.url = url;
  }

  static String device(int sensor) {
    return "bench-pi" + (sensor / 4);
  }

  static String sensor(int sensor) {
    return device(sensor) + "-t" + (sensor % 4);
  }

  /** A day of data ending at {@code end}; returns how many documents. */
  long day(int sensors, int everyS, Instant end) throws Exception {
    long docs = 0;
    Instant start = end.minusSeconds(86_400);
    for (int s = 0; s < sensors; s++) {
      for (Instant t = start; t.isBefore(end); t = t.plusSeconds(everyS)) {
        reading(s, t, temp(s, t), t);
        docs++;
      }
      for (Instant w = start; w.isBefore(end); w = w.plusSeconds(60)) {
        double v = temp(s, w);
        add(
            "heatwatch-metrics-" + DAY.format(w),
            sensor(s) + ":" + w.toEpochMilli(),
            String.format(
                java.util.Locale.ROOT,
                "{\"site\":\"bench\",\"deviceId\":\"%s\",\"sensorId\":\"%s\",\"windowStart\":\"%s\","
                    + "\"windowEnd\":\"%s\",\"count\":6,\"min\":%.3f,\"max\":%.3f,\"avg\":%.3f,"
                    + "\"stddev\":0.1,\"firstTs\":\"%s\",\"lastTs\":\"%s\"}",
                device(s),
                sensor(s),
                w,
                w.plusSeconds(60),
                v - 0.2,
                v + 0.2,
                v,
                w,
                w.plusSeconds(50)));
        docs++;
      }
    }
    for (int d = 0; d < (sensors + 3) / 4; d++) {
      add(
          "heatwatch-devices",
          "bench-pi" + d,
          "{\"site\":\"bench\",\"deviceId\":\"bench-pi"
              + d
              + "\",\"state\":\"ONLINE\",\"lastSeen\":\""
              + end
              + "\",\"updatedAt\":\""
              + end
              + "\",\"agentVersion\":\"0.1.0\","
              + "\"outboxDepth\":0,\"dropped\":0,\"uptimeS\":86400}");
    }
    for (int s = 0; s < sensors; s += 10) {
      String id = device(s) + ":" + sensor(s) + ":HIGH:" + end.minusSeconds(600).toEpochMilli();
      add(
          "heatwatch-alarms",
          id,
          "{\"v\":1,\"alarmId\":\""
              + id
              + "\",\"version\":1,\"site\":\"bench\",\"deviceId\":\""
              + device(s)
              + "\",\"sensorId\":\""
              + sensor(s)
              + "\",\"kind\":\"HIGH\","
              + "\"severity\":\"WARNING\",\"state\":\"OPEN\",\"openedAt\":\""
              + end.minusSeconds(600)
              + "\",\"updatedAt\":\""
              + end.minusSeconds(600)
              + "\",\"value\":36.0,\"threshold\":35.0,\"message\":\"above HIGH\"}");
    }
    flush("true");
    return docs;
  }

  /** One new reading per sensor at {@code tempC}, indexed and refreshed. */
  void newest(int sensors, double tempC) throws Exception {
    Instant now = Instant.now();
    for (int s = 0; s < sensors; s++) {
      reading(s, now, tempC, now);
    }
    flush("true");
  }

  /** Polls one direct query until a reading with {@code tempC} is found. */
  void awaitSearchable(double tempC) throws Exception {
    String query = "{\"size\":1,\"query\":{\"term\":{\"tempC\":" + tempC + "}}}";
    while (true) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/heatwatch-readings-*/_search"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(query))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.body().contains("\"tempC\":" + tempC)) {
        return;
      }
    }
  }

  private static double temp(int sensor, Instant t) {
    return 4 + sensor % 20 + 2 * Math.sin(t.getEpochSecond() / 3600.0 + sensor);
  }

  private void reading(int s, Instant ts, double tempC, Instant ingested) throws Exception {
    add(
        "heatwatch-readings-" + DAY.format(ts),
        device(s) + ":" + seq,
        String.format(
            java.util.Locale.ROOT,
            "{\"site\":\"bench\",\"deviceId\":\"%s\",\"sensorId\":\"%s\",\"seq\":%d,\"ts\":\"%s\","
                + "\"tempC\":%s,\"quality\":\"OK\",\"late\":false,\"ingestedAt\":\"%s\"}",
            device(s),
            sensor(s),
            seq++,
            ts,
            tempC,
            ingested));
  }

  private void add(String index, String id, String doc) throws Exception {
    batch
        .append("{\"index\":{\"_index\":\"")
        .append(index)
        .append("\",\"_id\":\"")
        .append(id)
        .append("\"}}\n")
        .append(doc)
        .append('\n');
    if (++inBatch >= 10_000) {
      flush("false");
    }
  }

  private void flush(String refresh) throws Exception {
    if (inBatch == 0) {
      return;
    }
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/_bulk?refresh=" + refresh))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || r.body().contains("\"errors\":true")) {
      throw new IllegalStateException("bulk failed: " + r.body().substring(0, 500));
    }
    batch.setLength(0);
    inBatch = 0;
  }
}
