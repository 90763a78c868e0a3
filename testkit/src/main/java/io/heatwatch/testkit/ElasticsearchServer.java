package io.heatwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;
import org.elasticsearch.common.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An in-process single-node Elasticsearch 7.10 (codelibs cluster runner) on 127.0.0.1. */
public final class ElasticsearchServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchServer.class);
  private static final String CLUSTER_NAME = "heatwatch-testkit";

  private final Path dataDir;
  private final int httpPort;
  private ElasticsearchClusterRunner runner;

  private ElasticsearchServer(Path dataDir, int httpPort) {
    this.dataDir = dataDir.toAbsolutePath();
    this.httpPort = httpPort;
  }

  /**
   * Starts one node with its home under {@code dataDir}; {@code httpPort} 0 picks a free port,
   * which is then kept for {@link #restart()}.
   */
  public static ElasticsearchServer start(Path dataDir, int httpPort) {
    // Netty may set available processors only once per JVM; Elasticsearch would try again.
    System.setProperty("es.set.netty.runtime.available.processors", "false");
    ElasticsearchServer server = new ElasticsearchServer(dataDir, Ports.orFree(httpPort));
    server.startNode();
    return server;
  }

  /** {@code http://127.0.0.1:port}, the REST endpoint. */
  public String httpUrl() {
    return "http://" + Ports.LOOPBACK + ":" + httpPort;
  }

  /** The REST port on 127.0.0.1. */
  public int httpPort() {
    return httpPort;
  }

  /** Stops the node and starts a new one on the same port and data directory. */
  public synchronized void restart() {
    stopNode();
    startNode();
  }

  @Override
  public synchronized void close() {
    stopNode();
  }

  private synchronized void startNode() {
    long started = System.nanoTime();
    ElasticsearchClusterRunner node = new ElasticsearchClusterRunner();
    node.onBuild((index, settings) -> configure(settings));
    // The runner probes ports from 9201 up to 9299 itself; ours is chosen already, so no probing.
    node.setMaxHttpPort(-1);
    try {
      node.build(
          ElasticsearchClusterRunner.newConfigs()
              .basePath(dataDir.toString())
              .clusterName(CLUSTER_NAME)
              .numOfNode(1)
              .baseHttpPort(httpPort - 1)
              .useLogger()
              .disableESLogger());
      node.ensureYellow();
    } catch (RuntimeException e) {
      closeQuietly(node);
      throw new IllegalStateException("Elasticsearch did not start on " + httpUrl(), e);
    }
    runner = node;
    LOG.info(
        "Elasticsearch started on {} in {} ms (data {})",
        httpUrl(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        dataDir);
  }

  private void configure(Settings.Builder settings) {
    settings.put("http.port", httpPort);
    settings.put("network.host", Ports.LOOPBACK);
    settings.put("discovery.type", "single-node");
    // Test machines often have fuller disks than the 85/90 % watermarks allow.
    settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
    // The heap is shared with Kafka, Flink and HiveMQ, so the real-memory breaker would reject
    // requests because of their garbage, not Elasticsearch's.
    settings.put("indices.breaker.total.use_real_memory", false);
  }

  private void stopNode() {
    if (runner != null) {
      try {
        runner.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Elasticsearch did not stop cleanly", e);
      } finally {
        runner = null;
      }
    }
  }

  private static void closeQuietly(ElasticsearchClusterRunner node) {
    try {
      node.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("cleaning up a failed Elasticsearch start: {}", e.toString());
    }
  }
}
