package io.heatwatch.job.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the heatwatch ILM policies and composable index templates ({@code infra/elasticsearch/},
 * on the classpath under {@code elasticsearch/}) into an Elasticsearch 7.10+ cluster; every call
 * PUTs them again, so it is idempotent.
 *
 * <p>On a cluster without ILM (an OSS build, such as the in-process runner of the tests and the
 * demo) the policies are skipped and the templates installed without their {@code
 * index.lifecycle.*} settings, with one WARN line: old indices are then not deleted automatically.
 */
public final class IndexTemplates {
  private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Classpath folder of the files. */
  static final String ROOT = "elasticsearch";

  /** ILM policies, {@code ilm/<name>.json}, installed first because templates name them. */
  static final List<String> ILM_POLICIES =
      List.of("heatwatch-readings", "heatwatch-metrics", "heatwatch-canary");

  /** Index templates, {@code index-templates/<name>.json}. */
  static final List<String> TEMPLATES =
      List.of(
          "heatwatch-readings",
          "heatwatch-metrics",
          "heatwatch-alarms",
          "heatwatch-devices",
          "heatwatch-canary",
          "heatwatch-deliveries");

  private final String baseUrl;
  private final String root;
  private final HttpClient http;

  private IndexTemplates(String baseUrl, String root) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.root = root;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** PUTs the policies and templates to the cluster at {@code esUrl}, e.g. http://host:9200. */
  public static void install(String esUrl) {
    install(esUrl, ROOT, ILM_POLICIES, TEMPLATES);
  }

  static void install(String esUrl, String root, List<String> policies, List<String> templates) {
    IndexTemplates installer = new IndexTemplates(esUrl, root);
    boolean ilm = installer.hasIlm();
    if (ilm) {
      for (String policy : policies) {
        installer.put("/_ilm/policy/" + policy, "ilm/" + policy + ".json", false);
      }
    } else {
      LOG.warn(
          "Elasticsearch at {} has no ILM: templates installed without lifecycle policies {}",
          esUrl,
          policies);
    }
    for (String template : templates) {
      installer.put("/_index_template/" + template, "index-templates/" + template + ".json", !ilm);
    }
    LOG.info("installed index templates {} into {}", templates, esUrl);
  }

  /**
   * {@code template} without its {@code index.lifecycle.*} settings, for clusters without ILM,
   * which reject them as unknown settings.
   */
  static String withoutLifecycle(String template) throws IOException {
    JsonNode root = JSON.readTree(template);
    JsonNode settings = root.path("template").path("settings");
    if (settings instanceof ObjectNode object) {
      Iterator<String> names = object.fieldNames();
      while (names.hasNext()) {
        if (names.next().startsWith("index.lifecycle.")) {
          names.remove();
        }
      }
      if (object.path("index") instanceof ObjectNode index) {
        index.remove("lifecycle");
      }
    }
    return JSON.writeValueAsString(root);
  }

  private boolean hasIlm() {
    HttpResponse<String> response = send("GET", "/_ilm/status", null, "the ILM status");
    if (response.statusCode() == 200) {
      return true;
    }
    // Without ILM, 7.10 answers 405 (the path then looks like a document API), 400 or 404;
    // anything else, such as 401 or 503, is a real problem.
    int status = response.statusCode();
    if (status == 400 || status == 404 || status == 405) {
      return false;
    }
    throw new IllegalStateException(
        "GET "
            + baseUrl
            + "/_ilm/status answered "
            + response.statusCode()
            + ": "
            + response.body());
  }

  private void put(String path, String file, boolean stripLifecycle) {
    String resource = root + "/" + file;
    String body = read(resource);
    if (stripLifecycle) {
      try {
        body = withoutLifecycle(body);
      } catch (IOException e) {
        throw new IllegalStateException(resource + " is not valid JSON: " + e.getMessage(), e);
      }
    }
    HttpResponse<String> response = send("PUT", path, body, resource);
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          resource
              + ": PUT "
              + baseUrl
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  private HttpResponse<String> send(String method, String path, String body, String what) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(
          what + ": " + method + " " + baseUrl + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted during " + method + " " + path, e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = IndexTemplates.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
