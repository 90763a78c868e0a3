package io.heatwatch.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** A small Elasticsearch REST client for tests and the demo (JDK HTTP client and Jackson). */
public final class ElasticsearchHttp {
  // Patterns that match no index yet (a fresh stack) count and search as empty, not 404.
  private static final String LENIENT = "ignore_unavailable=true&allow_no_indices=true";

  private static final Duration SHARD_START = Duration.ofSeconds(10);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

  private final JsonHttp http;

  /** A client for {@code baseUrl}, e.g. {@code http://127.0.0.1:9200}. */
  public ElasticsearchHttp(String baseUrl) {
    this.http = new JsonHttp(baseUrl);
  }

  /** Number of documents in the indices matching {@code indexPattern}; 0 when none match. */
  public long count(String indexPattern) {
    return read("GET", "/" + indexPattern + "/_count?" + LENIENT, null).path("count").asLong();
  }

  /** Makes everything indexed so far in {@code indexPattern} searchable. */
  public void refresh(String indexPattern) {
    read("POST", "/" + indexPattern + "/_refresh?" + LENIENT, null);
  }

  /** Runs a search body such as {@code {"query":{"match_all":{}}}} and returns the response. */
  public JsonNode search(String indexPattern, String queryJson) {
    return read("POST", "/" + indexPattern + "/_search?" + LENIENT, queryJson);
  }

  /**
   * The document response ({@code _id}, {@code _version}, {@code _source}, ...) for {@code id} in
   * {@code index}, or null when the index or the document does not exist.
   */
  public JsonNode get(String index, String id) {
    String path = "/" + index + "/_doc/" + encode(id);
    JsonHttp.Response response = http.send("GET", path, null);
    if (response.status() == 404) {
      return null;
    }
    if (response.status() >= 300) {
      throw JsonHttp.failure("GET", path, response);
    }
    return response.json();
  }

  /** PUTs a JSON body to {@code path}, e.g. an index template or an ILM policy. */
  public void put(String path, String json) {
    request("PUT", path, json);
  }

  /**
   * Sends any request and returns the parsed JSON response (an empty object for no body); a status
   * of 300 or more throws {@link IllegalStateException} with the status and the body.
   */
  public JsonNode request(String method, String path, String body) {
    return http.json(method, path, body);
  }

  /**
   * A read over index patterns. An index the job has just created answers 503 ("all shards failed")
   * until its primary shard has started, which takes well under a second: that answer is retried
   * for up to {@link #SHARD_START}; any other failure throws at once.
   */
  private JsonNode read(String method, String path, String body) {
    long deadline = System.nanoTime() + SHARD_START.toNanos();
    while (true) {
      JsonHttp.Response response = http.send(method, path, body);
      if (response.status() < 300) {
        return response.json();
      }
      if (response.status() != 503 || System.nanoTime() > deadline) {
        throw JsonHttp.failure(method, path, response);
      }
      LockSupport.parkNanos(RETRY_PAUSE.toNanos());
    }
  }

  private static String encode(String segment) {
    // URLEncoder writes form encoding; a space in a path segment is %20, not +.
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
