package io.heatwatch.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.edge.clock.ClockSync;
import io.heatwatch.edge.gpio.NoActuators;
import io.heatwatch.edge.outbox.OutboxLimits;
import io.heatwatch.edge.outbox.SqliteOutbox;
import io.heatwatch.edge.outbox.StoredReadings;
import io.heatwatch.edge.publish.Batching;
import io.heatwatch.edge.publish.MqttSession;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.edge.sensor.SensorSource;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.testkit.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One agent's ticks against a real outbox, with fake sensors and no broker. */
class AgentTest {
  private static final AgentIdentity ID = new AgentIdentity("home", "pi-1", "boot-1", "test");
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(T0);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private SqliteOutbox outbox;

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private Agent agent(List<Sensor> sensors) {
    return agent(sensors, ClockSync.ASSUMED);
  }

  private Agent agent(List<Sensor> sensors, ClockSync clockSync) {
    outbox = SqliteOutbox.open(dir.resolve("outbox.db"), ID, OutboxLimits.DEFAULT, clock);
    return Agent.builder()
        .identity(ID)
        .sensors(() -> sensors)
        .outbox(outbox)
        .uplink(
            new MqttSession(MqttSettings.plain("tcp://127.0.0.1:1"), "home", "pi-1", scheduler),
            Batching.DEFAULT)
        .clock(clock)
        .clockSync(clockSync)
        .scheduler(scheduler)
        .localAlarms(new LocalAlarms(new NoActuators("test"), 0, Clock.systemUTC()))
        .build();
  }

  @Test
  void aSampleTheContractRefusesIsCountedAndDroppedAndLaterTicksAreStored() {
    Sensor good = new ScriptedSensor("t1", new Sample("t1", 21.0, Quality.OK));
    Sensor bad =
        new ScriptedSensor(
            "t2", new Sample("t2", 200.0, Quality.OK), new Sample("t2", 22.0, Quality.OK));
    try (Agent agent = agent(List.of(good, bad))) {
      agent.tick();
      agent.tick();
      assertThat(agent.unstored()).isZero();
      assertThat(StoredReadings.decode(outbox.peek(0, 10)))
          .extracting(Reading::sensorId, Reading::tempC)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("t1", 21.0),
              org.assertj.core.groups.Tuple.tuple("t1", 21.0),
              org.assertj.core.groups.Tuple.tuple("t2", 22.0));
      assertThat(agent.status().dropped()).as("the refused sample is counted").isEqualTo(1);
    }
  }

  @Test
  void readingsBeyondTheUnstoredBoundOnAFullDiskAreDroppedAndReported() throws Exception {
    List<Sensor> many = new ArrayList<>();
    for (int i = 0; i <= Agent.MAX_UNSTORED; i++) {
      many.add(new ScriptedSensor("t" + i, new Sample("t" + i, 21.0, Quality.OK)));
    }
    List<Sensor> connected = new ArrayList<>(many);
    try (Agent agent = agent(connected)) {
      // Another connection holds the write lock past busy_timeout, as when the card stops taking
      // writes.
      try (Connection other =
              DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
          Statement s = other.createStatement()) {
        s.execute("PRAGMA busy_timeout=0");
        s.execute("BEGIN EXCLUSIVE");
        agent.tick();
        s.execute("ROLLBACK");
      }
      assertThat(agent.unstored()).isEqualTo(Agent.MAX_UNSTORED);
      assertThat(agent.status().dropped()).isEqualTo(1);
      connected.clear();
      agent.tick();
      assertThat(agent.unstored()).isZero();
      assertThat(agent.waiting()).isEqualTo(Agent.MAX_UNSTORED);
    }
  }

  @Test
  void readingsTakenBeforeTheClockIsSynchronisedAreMarked() {
    AtomicBoolean synced = new AtomicBoolean(false);
    Sensor sensor = new ScriptedSensor("t1", new Sample("t1", 21.0, Quality.OK));
    try (Agent agent = agent(List.of(sensor), synced::get)) {
      agent.tick();
      synced.set(true);
      agent.tick();
      assertThat(StoredReadings.decode(outbox.peek(0, 10)))
          .extracting(Reading::clockUnsynced)
          .containsExactly(Boolean.TRUE, null);
    }
  }

  /** A sensor that gives its samples in turn, then repeats the last. */
  @Test
  void theHeartbeatCarriesTheSensorCountsAndTheLastGoodRead() {
    Sensor t1 =
        new ScriptedSensor(
            "t1", new Sample("t1", 4.0, Quality.OK), new Sample("t1", null, Quality.DISCONNECTED));
    Sensor t2 =
        new ScriptedSensor(
            "t2",
            new Sample("t2", 20.0, Quality.OK),
            new Sample("t2", null, Quality.DISCONNECTED),
            new Sample("t2", null, Quality.DISCONNECTED));
    Sensor t3 =
        new ScriptedSensor(
            "t3",
            new Sample("t3", null, Quality.DISCONNECTED),
            new Sample("t3", null, Quality.DISCONNECTED),
            new Sample("t3", null, Quality.DISCONNECTED));
    List<Sensor> all = List.of(t1, t2, t3);
    SensorSource source =
        new SensorSource() {
          @Override
          public List<Sensor> get() {
            return all;
          }

          @Override
          public int configured() {
            return 2;
          }
        };
    outbox = SqliteOutbox.open(dir.resolve("outbox.db"), ID, OutboxLimits.DEFAULT, clock);
    try (Agent agent =
        Agent.builder()
            .identity(ID)
            .sensors(source)
            .outbox(outbox)
            .uplink(
                new MqttSession(MqttSettings.plain("tcp://127.0.0.1:1"), "home", "pi-1", scheduler),
                Batching.DEFAULT)
            .clock(clock)
            .scheduler(scheduler)
            .localAlarms(new LocalAlarms(new NoActuators("test"), 0, Clock.systemUTC()))
            .build()) {
      assertThat(agent.status().sensorsConfigured()).isEqualTo(2L);
      assertThat(agent.status().sensorsSeen()).as("before the first tick").isNull();
      assertThat(agent.status().lastGoodReadTs()).isNull();
      agent.tick();
      assertThat(agent.status().sensorsSeen()).isEqualTo(2L);
      assertThat(agent.status().lastGoodReadTs()).isEqualTo(T0);
      clock.advance(java.time.Duration.ofSeconds(10));
      agent.tick();
      assertThat(agent.status().sensorsSeen()).isZero();
      assertThat(agent.status().lastGoodReadTs()).as("kept from the last good read").isEqualTo(T0);
      assertThat(agent.status().sensorsConfigured()).isEqualTo(2L);
    }
  }

  private static final class ScriptedSensor implements Sensor {
    private final String id;
    private final Deque<Sample> samples;

    ScriptedSensor(String id, Sample... samples) {
      this.id = id;
      this.samples = new ArrayDeque<>(List.of(samples));
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Sample read(Instant now) {
      return samples.size() > 1 ? samples.poll() : samples.peek();
    }
  }
}
