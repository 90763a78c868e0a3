package io.heatwatch.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.AbstractConnectCli;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.runtime.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An in-process Kafka Connect worker (standalone or distributed) with its REST API on loopback. */
public final class ConnectWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectWorker.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final Connect<?> connect;
  private final JsonHttp rest;
  private final String restUrl;

  private ConnectWorker(Connect<?> connect) {
    this.connect = connect;
    String advertised = connect.rest().advertisedUrl().toString();
    this.restUrl =
        advertised.endsWith("/") ? advertised.substring(0, advertised.length() - 1) : advertised;
    this.rest = new JsonHttp(restUrl);
  }

  /**
   * Starts a standalone worker whose source offsets live in a file under {@code dataDir}; {@code
   * restPort} 0 picks a free port; {@code extraWorkerProps} override the defaults.
   */
  public static ConnectWorker startStandalone(
      Path dataDir, String bootstrapServers, int restPort, Map<String, String> extraWorkerProps) {
    Map<String, String> props = defaults(bootstrapServers, restPort);
    props.put("offset.storage.file.filename", directory(dataDir).resolve("offsets").toString());
    props.putAll(extraWorkerProps);
    return start(props, ConnectStandalone::new, "standalone");
  }

  /**
   * Starts a distributed worker in {@code groupId}, keeping configs, offsets and status in the
   * topics {@code <groupId>-configs}, {@code -offsets} and {@code -status}.
   */
  public static ConnectWorker startDistributed(
      Path dataDir,
      String bootstrapServers,
      int restPort,
      String groupId,
      Map<String, String> extraWorkerProps) {
    directory(dataDir);
    Map<String, String> props = defaults(bootstrapServers, restPort);
    props.put("group.id", groupId);
    props.put("config.storage.topic", groupId + "-configs");
    props.put("offset.storage.topic", groupId + "-offsets");
    props.put("status.storage.topic", groupId + "-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.putAll(extraWorkerProps);
    return start(props, ConnectDistributed::new, "distributed");
  }

  /** {@code http://127.0.0.1:port}, the worker's REST API. */
  public String restUrl() {
    return restUrl;
  }

  /** Creates or updates a connector (REST {@code PUT /connectors/{name}/config}). */
  public void putConnector(String name, Map<String, String> config) {
    String path = "/connectors/" + encode(name) + "/config";
    String body = JsonHttp.toJson(config);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    JsonHttp.Response response = rest.send("PUT", path, body);
    // 409: a distributed worker is rebalancing or has not read the config topic yet.
    while (response.status() == 409 && System.nanoTime() < deadline) {
      pause();
      response = rest.send("PUT", path, body);
    }
    if (response.status() >= 300) {
      throw JsonHttp.failure("PUT", path, response);
    }
  }

  /** The connector's status document, or null when the worker does not know the connector. */
  public JsonNode status(String name) {
    String path = "/connectors/" + encode(name) + "/status";
    JsonHttp.Response response = rest.send("GET", path, null);
    if (response.status() == 404) {
      return null;
    }
    if (response.status() >= 300) {
      throw JsonHttp.failure("GET", path, response);
    }
    return response.json();
  }

  /**
   * Waits until the connector and all its tasks are RUNNING; throws with the worker's stack trace
   * as soon as one of them has FAILED, or when {@code timeout} passes.
   */
  public void awaitRunning(String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = status(name);
      if (status != null && running(name, status)) {
        return;
      }
      pause();
    }
    throw new IllegalStateException(
        "connector " + name + " not RUNNING within " + timeout + "; last status: " + status);
  }

  /** Restarts one task (REST {@code POST /connectors/{name}/tasks/{task}/restart}). */
  public void restartTask(String name, int task) {
    rest.json("POST", "/connectors/" + encode(name) + "/tasks/" + task + "/restart", null);
  }

  /** Deletes a connector (REST {@code DELETE /connectors/{name}}). */
  public void deleteConnector(String name) {
    rest.json("DELETE", "/connectors/" + encode(name), null);
  }

  /** Stops the herder (connectors and tasks) and the REST server. */
  @Override
  public void close() {
    connect.stop();
  }

  private static Map<String, String> defaults(String bootstrapServers, int restPort) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("listeners", "http://" + Ports.LOOPBACK + ":" + restPort);
    props.put("rest.advertised.host.name", Ports.LOOPBACK);
    // Our payloads are JSON bytes already; converters would re-encode them.
    props.put("key.converter", ByteArrayConverter.class.getName());
    props.put("value.converter", ByteArrayConverter.class.getName());
    // Connectors come from the classpath with META-INF/services entries: ~1 s start, not ~13 s.
    props.put("plugin.discovery", "service_load");
    // Commit source offsets often so restarts in tests replay little.
    props.put("offset.flush.interval.ms", "1000");
    return props;
  }

  private static ConnectWorker start(
      Map<String, String> props, Function<String[], AbstractConnectCli<?, ?>> cli, String mode) {
    long started = System.nanoTime();
    Thread thread = Thread.currentThread();
    ClassLoader callerLoader = thread.getContextClassLoader();
    // Kafka's start-up code calls Exit.exit on failure, which would end the whole JVM.
    Exit.setExitProcedure(
        (code, message) -> {
          throw new IllegalStateException("Connect worker failed to start (exit " + code + ")");
        });
    Connect<?> connect;
    try {
      connect = cli.apply(new String[0]).startConnect(props);
    } finally {
      Exit.resetExitProcedure();
      // startConnect leaves the plugin class loader as this thread's context loader.
      thread.setContextClassLoader(callerLoader);
    }
    ConnectWorker worker = new ConnectWorker(connect);
    try {
      worker.awaitReady();
    } catch (RuntimeException e) {
      worker.close();
      throw e;
    }
    LOG.info(
        "Connect {} worker started on {} in {} ms",
        mode,
        worker.restUrl,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return worker;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    // A distributed herder answers 409/503 until it has joined its group and read its configs.
    while (rest.send("GET", "/connectors", null).status() != 200) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Connect REST API at " + restUrl + " not ready");
      }
      pause();
    }
  }

  private static boolean running(String name, JsonNode status) {
    JsonNode connector = status.path("connector");
    failIfFailed(name, "connector", connector);
    JsonNode tasks = status.path("tasks");
    boolean allRunning = "RUNNING".equals(connector.path("state").asText()) && !tasks.isEmpty();
    for (JsonNode task : tasks) {
      failIfFailed(name, "task " + task.path("id").asText(), task);
      allRunning &= "RUNNING".equals(task.path("state").asText());
    }
    return allRunning;
  }

  private static void failIfFailed(String name, String what, JsonNode state) {
    if ("FAILED".equals(state.path("state").asText())) {
      throw new IllegalStateException(
          "connector " + name + " " + what + " FAILED: " + state.path("trace").asText());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling Connect", e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
