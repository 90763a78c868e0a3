package io.heatwatch.console.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.console.config.ConsoleConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A small JSON client for the Elasticsearch REST API, with basic auth and a private CA. */
public final class EsClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final ObjectMapper json;

  public EsClient(
      URI base, Optional<ConsoleConfig.Login> login, Optional<Path> caFile, ObjectMapper json) {
    this.base = base;
    this.json = json;
    HttpClient.Builder builder =
        HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1);
    caFile.ifPresent(ca -> builder.sslContext(trusting(ca)));
    this.http = builder.build();
    this.authorization =
        login.map(
            l ->
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (l.username() + ":" + l.password()).getBytes(StandardCharsets.UTF_8)));
  }

  /** An SSL context that trusts the PEM certificates in {@code caFile}, and nothing else. */
  static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new IllegalArgumentException(
            ConsoleConfig.ELASTICSEARCH_CA_FILE + " " + caFile + " holds no certificate");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot read " + ConsoleConfig.ELASTICSEARCH_CA_FILE + " " + caFile + ": " + e, e);
    }
  }

  /** {@code POST {index}/_search}; an index pattern that matches nothing gives no hits. */
  public JsonNode search(String index, Object body) {
    return send(
            "POST", "/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true", body)
        .body();
  }

  /** The {@code _source} of a document, empty when it (or its index) does not exist. */
  public Optional<JsonNode> source(String index, String id) {
    Response r =
        send(
            "GET",
            "/" + index + "/_doc/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8),
            null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(r.body().path("_source"));
  }

  /** Adds a document with a generated id ({@code create} privilege is enough). */
  public void create(String index, Object document) {
    send("POST", "/" + index + "/_doc", document);
  }

  private Response send(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(
                          body instanceof String s
                              ? s.getBytes(StandardCharsets.UTF_8)
                              : json.writeValueAsBytes(body)));
      authorization.ifPresent(a -> request.header("Authorization", a));
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status >= 300 && status != 404) {
        throw new EsException(
            method + " " + path + " answered " + status + ": " + preview(response.body()));
      }
      JsonNode tree = response.body().length == 0 ? null : json.readTree(response.body());
      return new Response(status, tree == null ? json.createObjectNode() : tree);
    } catch (IOException e) {
      throw new EsException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EsException(method + " " + path + " interrupted", e);
    }
  }

  private static String preview(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private record Response(int status, JsonNode body) {}

  /** Elasticsearch could not be reached or refused a request. */
  public static final class EsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EsException(String message) {
      super(message);
    }

    EsException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
