package io.heatwatch.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A small Elasticsearch REST client for tests and the demo (JDK HTTP client and Jackson). */
public final class ElasticsearchHttp {
  // Patterns that match no index yet (a fresh stack) count and search as empty, not 404.
  private static final String LENIENT = "ignore_unavailable=true&allow_no_indices=true";

  private final JsonHttp http;

  /** A client for {@code baseUrl}, e.g. {@code http://127.0.0.1:9200}. */
  public ElasticsearchHttp(String baseUrl) {
    this.http = new JsonHttp(baseUrl);
  }

  /** Number of documents in the indices matching {@code indexPattern}; 0 when none match. */
  public long count(String indexPattern) {
    return request("GET", "/" + indexPattern + "/_count?" + LENIENT, null).path("count").asLong();
  }

  /** Makes everything indexed so far in {@code indexPattern} searchable. */
  public void refresh(String indexPattern) {
    request("POST", "/" + indexPattern + "/_refresh?" + LENIENT, null);
  }

  /** Runs a search body such as {@code {"query":{"match_all":{}}}} and returns the response. */
  public JsonNode search(String indexPattern, String queryJson) {
    return request("POST", "/" + indexPattern + "/_search?" + LENIENT, queryJson);
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

  private static String encode(String segment) {
    // URLEncoder writes form encoding; a space in a path segment is %20, not +.
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
