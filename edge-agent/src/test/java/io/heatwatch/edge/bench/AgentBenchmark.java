package io.heatwatch.edge.bench;

import io.heatwatch.edge.AgentIdentity;
import io.heatwatch.edge.outbox.Outbox.Draft;
import io.heatwatch.edge.outbox.OutboxLimits;
import io.heatwatch.edge.outbox.SqliteOutbox;
import io.heatwatch.edge.publish.MqttSession;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.publish.OutboxSender;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.MqttBroker;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * Edge agent benchmarks, each against a baseline measured in the same run:
 *
 * <ul>
 *   <li>durable outbox appends (one transaction per 8-sensor tick) vs. a raw append + fsync per
 *       tick to a plain file;
 *   <li>replay of a stored backlog to a broker through the outbox sender vs. a plain Paho QoS 1
 *       publish loop with the same in-flight window and no outbox.
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -pl edge-agent -am test-compile && java -cp "$(cat
 * edge-agent/target/bench.cp)" io.heatwatch.edge.bench.AgentBenchmark [appendReadings]
 * [backlogReadings]} — see docs/benchmarks.md.
 */
public final class AgentBenchmark {
  private static final int SENSORS = 8;
  private static final AgentIdentity ID = new AgentIdentity("bench", "pi-bench", "boot", "bench");

  public static void main(String[] args) throws Exception {
    int appends = args.length > 0 ? Integer.parseInt(args[0]) : 80_000;
    int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 691_200;
    Path dir = Files.createTempDirectory("heatwatch-bench");
    System.out.printf(
        "machine: %d cores, %s %s, %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    appendBenchmark(dir, appends);
    replayBenchmark(dir, backlog);
  }

  private static List<Draft> tick(long i) {
    List<Draft> drafts = new ArrayList<>(SENSORS);
    Instant ts = Instant.ofEpochSecond(1_790_000_000L + i);
    for (int s = 0; s < SENSORS; s++) {
      drafts.add(new Draft("28-00000000000" + s, ts, 21.0625, Quality.OK));
    }
    return drafts;
  }

  private static void appendBenchmark(Path dir, int readings) throws Exception {
    int ticks = readings / SENSORS;
    long t0 = System.nanoTime();
    try (SqliteOutbox outbox =
        SqliteOutbox.open(dir.resolve("append.db"), ID, OutboxLimits.DEFAULT, Clock.systemUTC())) {
      for (int i = 0; i < ticks; i++) {
        outbox.append(tick(i));
      }
    }
    double outboxRate = ticks * SENSORS / seconds(t0);

    byte[] tickBytes = new byte[SENSORS * 180];
    long t1 = System.nanoTime();
    try (FileOutputStream raw = new FileOutputStream(dir.resolve("raw.log").toFile())) {
      for (int i = 0; i < ticks; i++) {
        raw.write(tickBytes);
        raw.getFD().sync();
      }
    }
    double rawRate = ticks * SENSORS / seconds(t1);
    System.out.printf(
        "outbox append (durable, %d readings in ticks of %d): %.0f readings/s = %.2f x raw append+fsync"
            + " per tick (%.0f readings/s)%n",
        ticks * SENSORS, SENSORS, outboxRate, outboxRate / rawRate, rawRate);
  }

  private static void replayBenchmark(Path dir, int readings) throws Exception {
    try (MqttBroker broker = MqttBroker.start(dir.resolve("broker"), 0)) {
      SqliteOutbox outbox =
          SqliteOutbox.open(dir.resolve("replay.db"), ID, OutboxLimits.DEFAULT, Clock.systemUTC());
      List<Draft> batch = new ArrayList<>();
      for (int i = 0; i < readings / SENSORS; i++) {
        batch.addAll(tick(i));
        if (batch.size() >= 8_000) {
          outbox.append(batch);
          batch.clear();
        }
      }
      outbox.append(batch);
      long stored = outbox.depth();

      ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
      MqttSettings settings = MqttSettings.plain(broker.uri());
      MqttSession mqtt = new MqttSession(settings, "bench", "pi-bench", scheduler);
      OutboxSender sender = new OutboxSender(outbox, mqtt, settings.batching());
      DeviceStatus status = ID.status(DeviceStatus.DeviceState.ONLINE, Instant.now());
      long t0 = System.nanoTime();
      mqtt.start(
          () -> status,
          ID.status(DeviceStatus.DeviceState.OFFLINE, Instant.now()),
          sender::wake,
          (channel, payload) -> {});
      Thread senderThread = new Thread(sender, "bench-sender");
      senderThread.start();
      while (outbox.depth() > 0) {
        Thread.sleep(20);
      }
      double replayRate = stored / seconds(t0);
      sender.close();
      senderThread.join();
      mqtt.close();
      outbox.close();
      scheduler.shutdownNow();

      double baselineRate = plainPahoLoop(broker.uri(), (int) stored, settings.batching().window());
      System.out.printf(
          "backlog replay (%d readings, window %d, HiveMQ CE on loopback): %.0f readings/s = %.2f x a"
              + " plain Paho QoS 1 loop without outbox (%.0f readings/s)%n",
          stored,
          settings.batching().window(),
          replayRate,
          replayRate / baselineRate,
          baselineRate);
    }
  }

  private static double plainPahoLoop(String uri, int messages, int window) throws Exception {
    byte[] payload =
        TelemetryCodec.encode(
            Reading.ok("bench", "pi-plain", "28-000000000000", 1, Instant.now(), 21.0));
    MqttAsyncClient client = new MqttAsyncClient(uri, "plain-loop", new MemoryPersistence());
    client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    Semaphore inFlight = new Semaphore(window);
    AtomicLong acked = new AtomicLong();
    MqttActionListener release =
        new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            acked.incrementAndGet();
            inFlight.release();
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            inFlight.release();
          }
        };
    long t0 = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      inFlight.acquire();
      while (true) {
        try {
          client.publish("heatwatch/v1/bench/pi-plain/readings", payload, 1, false, null, release);
          break;
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
          Thread.onSpinWait();
        }
      }
    }
    inFlight.acquire(window);
    double rate = acked.get() / seconds(t0);
    client.disconnect().waitForCompletion();
    client.close();
    return rate;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
