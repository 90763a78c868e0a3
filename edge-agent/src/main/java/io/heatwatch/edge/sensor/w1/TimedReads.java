package io.heatwatch.edge.sensor.w1;

import io.heatwatch.edge.log.ThrottledLog;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.model.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads sensors on reader threads and waits at most a timeout for each, so a read of {@code
 * w1_slave} that hangs in the kernel cannot block the tick (nor the other sensors' reads).
 *
 * <p>A read stuck in the kernel cannot be interrupted from Java, so its thread stays until the
 * kernel returns. While it is stuck the sensor is reported DISCONNECTED at once on every tick and
 * no second read of it starts: at most one reader thread per sensor, and never more than {@link
 * #MAX_READERS}.
 */
final class TimedReads {
  private static final Logger LOG = LoggerFactory.getLogger(TimedReads.class);

  /** Reader threads at most; a bus holds far fewer DS18B20s than this in practice. */
  static final int MAX_READERS = 32;

  private final Duration timeout;
  private final ThreadPoolExecutor readers =
      new ThreadPoolExecutor(
          0,
          MAX_READERS,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          task -> {
            Thread thread = new Thread(task, "w1-reader");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Future<Sample>> stuck = new ConcurrentHashMap<>();
  private final Map<String, ThrottledLog> hung = new ConcurrentHashMap<>();

  TimedReads(Duration timeout) {
    this.timeout = timeout;
  }

  /** The sensor's sample, or DISCONNECTED when its read did not end within the timeout. */
  Sample read(Sensor sensor, Instant now) {
    String id = sensor.id();
    Future<Sample> pending = stuck.get(id);
    if (pending != null) {
      if (!pending.isDone()) {
        return noAnswer(id, "its read of w1_slave is still stuck");
      }
      stuck.remove(id);
      LOG.info("sensor {}: the stuck read of w1_slave ended; reading it again", id);
    }
    Future<Sample> read;
    try {
      read = readers.submit(() -> readNamed(sensor, now));
    } catch (RejectedExecutionException e) {
      return noAnswer(id, "all " + MAX_READERS + " reader threads are stuck");
    }
    try {
      return read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      stuck.put(id, read);
      return noAnswer(id, "read of w1_slave took longer than " + timeout + ", left running");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stuck.put(id, read);
      return noAnswer(id, "interrupted while waiting for its read");
    } catch (ExecutionException e) {
      throw new IllegalStateException("sensor " + id + ": read failed", e.getCause());
    }
  }

  /** Names the reader thread after its sensor while it reads, so a stuck one shows in a dump. */
  private static Sample readNamed(Sensor sensor, Instant now) {
    Thread thread = Thread.currentThread();
    thread.setName("w1-reader-" + sensor.id());
    try {
      return sensor.read(now);
    } finally {
      thread.setName("w1-reader");
    }
  }

  private Sample noAnswer(String id, String why) {
    hung.computeIfAbsent(id, k -> new ThrottledLog(LOG, "sensor " + k + ": DISCONNECTED"))
        .add(1, why);
    return new Sample(id, null, Quality.DISCONNECTED);
  }
}
