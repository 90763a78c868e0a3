package io.heatwatch.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.edge.SimulatedFleet.FleetSpec;
import io.heatwatch.edge.publish.Batching;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.SpikePlan;
import io.heatwatch.testkit.MqttBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away while the device keeps reading: everything waits on disk, then arrives in
 * order.
 */
class BrokerOutageIT {
  private static final int SENSORS = 4;

  @TempDir Path dir;

  @Test
  void readingsPileUpDuringTheOutageAndAllArriveInOrder() throws Exception {
    MqttBroker broker = MqttBroker.start(dir.resolve("broker"), 0);
    int port = broker.port();
    try (ReadingCollector collector =
            new ReadingCollector(broker.uri(), "heatwatch/v1/outage/+/readings");
        SimulatedFleet fleet =
            SimulatedFleet.connect(
                new FleetSpec("outage", "pi", 1, SENSORS, 3, SpikePlan.NONE),
                MqttSettings.plain(broker.uri()),
                dir.resolve("devices"),
                Clock.systemUTC())) {
      tick(fleet, 10);
      await().atMost(Duration.ofSeconds(20)).until(() -> fleet.waiting() == 0);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> collector.arrivals().size() >= 10 * SENSORS);
      int beforeOutage = collector.messageSizes().size();

      broker.close();
      tick(fleet, 500);
      assertThat(fleet.waiting())
          .as("all readings of the outage are on disk")
          .isEqualTo(500L * SENSORS);

      broker = MqttBroker.start(dir.resolve("broker"), port);
      await().atMost(Duration.ofSeconds(60)).until(() -> fleet.waiting() == 0);
      long total = 510L * SENSORS;
      await().atMost(Duration.ofSeconds(30)).until(() -> collector.firstArrivals().size() == total);

      long first = OutboxFiles.firstSeq(dir.resolve("devices/pi-01/outbox.db"));
      List<Long> expected = LongStream.rangeClosed(first, first + total - 1).boxed().toList();
      assertThat(collector.firstArrivals())
          .as("every reading, first arrivals in seq order")
          .isEqualTo(expected);
      List<Integer> replay =
          collector.messageSizes().subList(beforeOutage, collector.messageSizes().size());
      assertThat(replay)
          .as("the backlog goes out in batches of at most %d readings", Batching.DEFAULT_BATCH)
          .allMatch(size -> size <= Batching.DEFAULT_BATCH)
          .hasSizeLessThan(500 * SENSORS / 10);
      System.out.printf(
          "broker outage: %d readings stored while down, %d delivered after, %d duplicate deliveries%n",
          500 * SENSORS, total, collector.duplicates());
    } finally {
      broker.close();
    }
  }

  private static void tick(SimulatedFleet fleet, int times) {
    for (int i = 0; i < times; i++) {
      fleet.tickAll();
    }
  }
}
