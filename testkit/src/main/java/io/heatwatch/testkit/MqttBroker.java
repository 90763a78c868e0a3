package io.heatwatch.testkit;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An in-process HiveMQ CE MQTT v5 broker on 127.0.0.1 with file persistence. */
public final class MqttBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int STORE_PORTION = 256;

  private final int port;
  private final Path dataDir;
  private final Path conf;
  private EmbeddedHiveMQ hiveMq;

  private MqttBroker(Path dataDir, int port) {
    this.dataDir = dataDir.toAbsolutePath();
    this.port = port;
    this.conf = writeConfig(this.dataDir.resolve("conf"), port);
  }

  /**
   * Starts a broker with its config, data and extensions folders under {@code dataDir}; {@code
   * port} 0 picks a free port, which is then kept for {@link #restart()}.
   */
  public static MqttBroker start(Path dataDir, int port) {
    MqttBroker broker = new MqttBroker(dataDir, Ports.orFree(port));
    broker.startBroker();
    return broker;
  }

  /**
   * HiveMQ CE sizes its payload store's RocksDB from the machine's physical memory: memtables of
   * RAM/32 over 64 buckets and a block cache of RAM/64. On a 24 GB build machine that is ~770 MB of
   * memtables (twice that with the second write buffer) and ~390 MB of cache, native memory the JVM
   * does not track, filling with message payloads for over an hour: the soak's RSS grew ~11 MiB a
   * minute with the store's write-ahead logs. A test broker gets RAM/{@value #STORE_PORTION} of
   * each (~100 MB on 24 GB). HiveMQ reads these settings when a broker starts.
   */
  private static void boundPayloadStore() {
    InternalConfigurations.PAYLOAD_PERSISTENCE_MEMTABLE_SIZE_PORTION.set(STORE_PORTION);
    InternalConfigurations.PAYLOAD_PERSISTENCE_BLOCK_CACHE_SIZE_PORTION.set(STORE_PORTION);
  }

  /** The MQTT TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:port}, the Paho server URI. */
  public String uri() {
    return "tcp://" + Ports.LOOPBACK + ":" + port;
  }

  /** Stops and starts the broker on the same port and data, so persistent sessions survive. */
  public synchronized void restart() {
    stopBroker();
    startBroker();
  }

  @Override
  public synchronized void close() {
    stopBroker();
  }

  private synchronized void startBroker() {
    long started = System.nanoTime();
    boundPayloadStore();
    // A stopped instance cannot start again (its metric registry still holds the old metrics),
    // so every start builds a fresh one on the same folders.
    EmbeddedHiveMQ broker =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(directory(dataDir.resolve("data")))
            .withExtensionsFolder(directory(dataDir.resolve("extensions")))
            // Our log4j2 config owns logging; HiveMQ's bootstrap would reconfigure Logback.
            .withoutLoggingBootstrap()
            .build();
    try {
      await(broker.start(), "start");
    } catch (RuntimeException e) {
      closeQuietly(broker);
      throw e;
    }
    hiveMq = broker;
    LOG.info(
        "HiveMQ started on {} in {} ms (data {})",
        uri(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        dataDir);
  }

  private void stopBroker() {
    if (hiveMq == null) {
      return;
    }
    long stopping = System.nanoTime();
    try {
      hiveMq.close();
      LOG.info(
          "HiveMQ on {} stopped in {} ms",
          uri(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
    } catch (ExecutionException e) {
      throw new IllegalStateException("HiveMQ did not stop cleanly", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping HiveMQ", e);
    } finally {
      hiveMq = null;
    }
  }

  private static void closeQuietly(EmbeddedHiveMQ broker) {
    try {
      broker.close();
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn("cleaning up a failed HiveMQ start: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void await(Future<Void> step, String what) {
    try {
      step.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("HiveMQ did not " + what + " on " + uri(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("HiveMQ did not " + what + " within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during HiveMQ " + what, e);
    }
  }

  private static Path writeConfig(Path conf, int port) {
    // File persistence keeps sessions and queued QoS 1 messages across restart(); usage
    // statistics are off because tests and the demo must not call home. The default queue of 1000
    // messages per client silently discards the rest when a subscriber falls behind: far too small
    // for a bridge catching up after an outage.
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
          <persistence>
            <mode>file</mode>
          </persistence>
          <mqtt>
            <queued-messages>
              <max-queue-size>10000000</max-queue-size>
              <strategy>discard</strategy>
            </queued-messages>
          </mqtt>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """
            .formatted(port, Ports.LOOPBACK);
    try {
      Files.writeString(directory(conf).resolve("config.xml"), xml, StandardCharsets.UTF_8);
      return conf;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write HiveMQ config in " + conf, e);
    }
  }

  private static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
