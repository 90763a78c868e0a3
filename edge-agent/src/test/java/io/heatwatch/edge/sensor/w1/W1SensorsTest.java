package io.heatwatch.edge.sensor.w1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.model.Quality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class W1SensorsTest {
  private static final String A = "28-00000000000a";
  private static final String B = "28-00000000000b";
  private static final String OK =
      "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n";

  @TempDir Path devices;

  private void plug(String id) throws Exception {
    Files.createDirectories(devices.resolve(id));
    Files.writeString(devices.resolve(id).resolve("w1_slave"), OK);
  }

  private void unplug(String id) throws Exception {
    try (var files = Files.list(devices.resolve(id))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(devices.resolve(id));
  }

  @Test
  void sensorsPluggedInOrPulledWhileRunningArePickedUp() throws Exception {
    W1Sensors sensors =
        new W1Sensors(
            new W1Bus(devices),
            new W1Settings(Set.of(), Map.of(A, 0.5), Map.of(A, 10), 0, Duration.ofSeconds(3)));
    plug(A);
    Files.writeString(devices.resolve(A).resolve("resolution"), "12\n");
    assertThat(sensors.get()).extracting(Sensor::id).containsExactly(A);
    assertThat(sensors.get().get(0).read(Instant.EPOCH).tempC()).isEqualTo(23.625);
    assertThat(devices.resolve(A).resolve("resolution")).hasContent("10");

    plug(B);
    assertThat(sensors.get()).extracting(Sensor::id).containsExactlyInAnyOrder(A, B);

    unplug(A);
    var lastLook = sensors.get();
    assertThat(lastLook).extracting(Sensor::id).containsExactlyInAnyOrder(A, B);
    Sensor gone = lastLook.stream().filter(s -> s.id().equals(A)).findFirst().orElseThrow();
    assertThat(gone.read(Instant.EPOCH).quality()).isEqualTo(Quality.DISCONNECTED);
    assertThat(sensors.get()).extracting(Sensor::id).containsExactly(B);
  }

  /** One tick as the agent runs it: the sensors of this tick, each read once. */
  private static List<Sample> tick(W1Sensors sensors) {
    return sensors.get().stream().map(s -> s.read(Instant.EPOCH)).toList();
  }

  @Test
  void aConfiguredSensorMissingFromTheBusIsReportedDisconnectedOnEveryTick() throws Exception {
    W1Sensors sensors =
        new W1Sensors(
            new W1Bus(devices),
            new W1Settings(Set.of(A), Map.of(), Map.of(), 0, Duration.ofSeconds(3)));
    plug(B);
    for (int i = 0; i < 3; i++) {
      assertThat(tick(sensors))
          .as("tick %d: the configured A is not on the bus yet", i)
          .containsExactlyInAnyOrder(
              new Sample(A, null, Quality.DISCONNECTED), new Sample(B, 23.125, Quality.OK));
    }
    plug(A);
    assertThat(tick(sensors)).extracting(Sample::quality).containsOnly(Quality.OK).hasSize(2);
    unplug(A);
    unplug(B);
    for (int i = 0; i < 3; i++) {
      assertThat(tick(sensors))
          .as("tick %d after both left: the configured one stays, the found one went once", i)
          .contains(new Sample(A, null, Quality.DISCONNECTED))
          .extracting(Sample::sensorId)
          .contains(A);
    }
    assertThat(tick(sensors)).containsExactly(new Sample(A, null, Quality.DISCONNECTED));
    assertThat(sensors.configured()).isEqualTo(1);
  }

  /**
   * Proof 5: a read of {@code w1_slave} that hangs in the kernel, made real with a named pipe that
   * no one writes (open blocks as a hung read does). The tick times out on it, reports it
   * DISCONNECTED, the other sensor keeps being read on time, and no second read of the hung sensor
   * starts while the first is stuck.
   */
  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aHungReadTimesOutTheSensorIsReportedAndTheOthersKeepBeingRead() throws Exception {
    Duration timeout = Duration.ofMillis(500);
    W1Sensors sensors =
        new W1Sensors(
            new W1Bus(devices), new W1Settings(Set.of(A, B), Map.of(), Map.of(), 0, timeout));
    plug(A);
    Path fifo = Files.createDirectories(devices.resolve(B)).resolve("w1_slave");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    try {
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        List<Sample> samples = tick(sensors);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(samples)
            .as("tick %d", i)
            .containsExactlyInAnyOrder(
                new Sample(A, 23.125, Quality.OK), new Sample(B, null, Quality.DISCONNECTED));
        assertThat(took)
            .as("tick %d waits at most the read timeout", i)
            .isLessThan(timeout.plusMillis(400));
        if (i > 0) {
          assertThat(took)
              .as("tick %d does not wait again for a read still stuck", i)
              .isLessThan(timeout);
        }
      }
      assertThat(readersOf(B)).as("one stuck reader thread, not one per tick").isEqualTo(1);
    } finally {
      // A writer lets the stuck open return (with nothing to read), so its thread ends.
      try (var unblock = Files.newOutputStream(fifo)) {
        unblock.flush();
      }
    }
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(readersOf(B)).isZero());
    Files.delete(fifo);
    Files.writeString(fifo, OK);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(tick(sensors))
                    .as("read again once the stuck read ended")
                    .contains(new Sample(B, 23.125, Quality.OK)));
  }

  private static long readersOf(String id) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().contains(id))
        .count();
  }
}
