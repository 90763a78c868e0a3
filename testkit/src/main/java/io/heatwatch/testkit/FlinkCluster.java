package io.heatwatch.testkit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Flink 1.20 MiniCluster with its REST API and web UI on 127.0.0.1. */
public final class FlinkCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
  // Small on purpose: the whole local stack shares one ~1 GB JVM.
  private static final MemorySize MANAGED_MEMORY = MemorySize.parse("64m");
  private static final MemorySize NETWORK_MEMORY = MemorySize.parse("32m");

  private final MiniCluster miniCluster;
  private final int restPort;

  private FlinkCluster(MiniCluster miniCluster, int restPort) {
    this.miniCluster = miniCluster;
    this.restPort = restPort;
  }

  /**
   * What a production TaskManager of 1,536 MB (infra/docker-compose.yml) has as managed memory, for
   * RocksDB: the benchmarks' TaskManagers get it, the tests' keep a small default.
   */
  public static final MemorySize PRODUCTION_MANAGED_MEMORY = MemorySize.parse("400m");

  /** Starts a MiniCluster; {@code restPort} 0 picks a free port. */
  public static FlinkCluster start(int restPort, int taskManagers, int slotsPerTaskManager) {
    return start(restPort, taskManagers, slotsPerTaskManager, MANAGED_MEMORY);
  }

  /**
   * Starts a MiniCluster whose TaskManagers have {@code managedMemory} each, as a production
   * TaskManager has for RocksDB (the tests' default is small; RocksDB on it flushes constantly).
   */
  public static FlinkCluster start(
      int restPort, int taskManagers, int slotsPerTaskManager, MemorySize managedMemory) {
    long started = System.nanoTime();
    Configuration config = configuration(restPort);
    config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedMemory);
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(taskManagers)
                .setNumSlotsPerTaskManager(slotsPerTaskManager)
                .setCommonBindAddress(Ports.LOOPBACK)
                .build());
    try {
      cluster.start();
      FlinkCluster flink = new FlinkCluster(cluster, cluster.getRestAddress().get().getPort());
      LOG.info(
          "Flink MiniCluster ({} x {} slots) started, web UI {} in {} ms",
          taskManagers,
          slotsPerTaskManager,
          flink.webUrl(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return flink;
    } catch (Exception e) {
      cluster.closeAsync().join();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Flink MiniCluster did not start", e);
    }
  }

  /** The REST/web UI port on 127.0.0.1. */
  public int restPort() {
    return restPort;
  }

  /** {@code http://127.0.0.1:port}, the web UI and REST API. */
  public String webUrl() {
    return "http://" + Ports.LOOPBACK + ":" + restPort;
  }

  /** A new environment whose jobs run on this cluster with the given default parallelism. */
  public StreamExecutionEnvironment environment(int parallelism) {
    return new TestStreamEnvironment(miniCluster, parallelism);
  }

  /** The MiniCluster itself, for job status, savepoints and the like. */
  public MiniCluster miniCluster() {
    return miniCluster;
  }

  /** Cancels running jobs and stops the cluster. */
  @Override
  public void close() {
    try {
      miniCluster.closeAsync().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Flink MiniCluster did not stop cleanly", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping Flink", e);
    }
  }

  private static Configuration configuration(int restPort) {
    Configuration config = new Configuration();
    config.set(RestOptions.BIND_ADDRESS, Ports.LOOPBACK);
    config.set(RestOptions.ADDRESS, Ports.LOOPBACK);
    config.set(RestOptions.BIND_PORT, String.valueOf(restPort));
    config.set(JobManagerOptions.BIND_HOST, Ports.LOOPBACK);
    config.set(TaskManagerOptions.BIND_HOST, Ports.LOOPBACK);
    config.set(TaskManagerOptions.HOST, Ports.LOOPBACK);
    config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
    config.set(TaskManagerOptions.NETWORK_MEMORY_MIN, NETWORK_MEMORY);
    config.set(TaskManagerOptions.NETWORK_MEMORY_MAX, NETWORK_MEMORY);
    return config;
  }
}
