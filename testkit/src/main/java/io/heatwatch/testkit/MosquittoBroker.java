package io.heatwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Mosquitto ({@code /usr/sbin/mosquitto}) as a child process on 127.0.0.1, running a given
 * configuration (typically the production file in {@code infra/mosquitto/}) with three rewrites:
 * the one {@code listener} binds a free port on 127.0.0.1, every path under {@code /mosquitto/}
 * (the official image's layout) moves under {@code dir}, and when run as root the broker keeps the
 * current user instead of switching to {@code mosquitto}.
 */
public final class MosquittoBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MosquittoBroker.class);
  private static final String BINARY = "/usr/sbin/mosquitto";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;
  private final Path conf;
  private final int port;
  private final boolean tls;
  private Process process;

  private MosquittoBroker(Path dir, String config) {
    this.dir = dir.toAbsolutePath();
    this.port = Ports.free();
    this.tls = config.lines().anyMatch(l -> l.trim().startsWith("certfile "));
    this.conf = this.dir.resolve("mosquitto-run.conf");
    write(conf, rewrite(config, this.dir, port));
  }

  /**
   * Starts Mosquitto with {@code config} (the text of a mosquitto.conf); files live in {@code dir}.
   */
  public static MosquittoBroker start(Path dir, String config) {
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new IllegalStateException(BINARY + " missing: apt-get install -y mosquitto");
    }
    directory(dir.resolve("data"));
    MosquittoBroker broker = new MosquittoBroker(directory(dir), config);
    broker.startProcess();
    return broker;
  }

  /** Starts Mosquitto with the configuration file {@code config}; files live in {@code dir}. */
  public static MosquittoBroker start(Path dir, Path config) {
    try {
      return start(dir, Files.readString(config, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + config, e);
    }
  }

  /** The listener's port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code ssl://127.0.0.1:port} when the listener has a certificate, else {@code tcp://…}. */
  public String uri() {
    return (tls ? "ssl://" : "tcp://") + Ports.LOOPBACK + ":" + port;
  }

  /** Stops the broker (SIGTERM, so it writes its persistence file) and starts it again. */
  public synchronized void restart() {
    stop();
    startProcess();
  }

  /** Stops the broker; {@link #restart()} brings it back on the same port and data. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      process = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void startProcess() {
    long started = System.nanoTime();
    try {
      process =
          new ProcessBuilder(BINARY, "-c", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + BINARY, e);
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!accepts()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String log = read(dir.resolve("mosquitto.log"));
        stop();
        throw new IllegalStateException("Mosquitto did not start on " + uri() + ":\n" + log);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting Mosquitto", e);
      }
    }
    LOG.info(
        "Mosquitto started on {} in {} ms (dir {})",
        uri(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        dir);
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String rewrite(String config, Path dir, int port) {
    List<String> out = new ArrayList<>();
    boolean listener = false;
    for (String line : config.split("\n", -1)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("listener ")) {
        if (listener) {
          throw new IllegalArgumentException("MosquittoBroker runs configs with one listener only");
        }
        listener = true;
        out.add("listener " + port + " " + Ports.LOOPBACK);
      } else if (trimmed.startsWith("user ")) {
        continue;
      } else {
        out.add(line.replace("/mosquitto/", dir + "/"));
      }
    }
    if (!listener) {
      out.add("listener " + port + " " + Ports.LOOPBACK);
    }
    if ("root".equals(System.getProperty("user.name"))) {
      // As root Mosquitto would switch to the mosquitto user, who cannot read the test's files.
      out.add("user root");
    }
    return String.join("\n", out) + "\n";
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
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
