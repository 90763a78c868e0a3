package io.heatwatch.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.edge.SimulatedFleet.FleetSpec;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.SpikePlan;
import io.heatwatch.testkit.FaultProxy;
import io.heatwatch.testkit.MqttBroker;
import io.heatwatch.testkit.MqttBrokerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections reset again and again while readings are in flight: every reconnect gets through (a
 * reused Paho client would retransmit its in-flight publishes with a topic alias of the lost
 * connection, and the broker would refuse it on every attempt), and every reading arrives.
 */
@ExtendWith(MqttBrokerExtension.class)
class FlakyNetworkIT {
  private static final int SENSORS = 4;
  private static final int MIN_TICKS = 150;
  private static final int MAX_TICKS = 5_000;
  private static final int RESETS = 5;

  @TempDir Path dir;

  @Test
  void everyReadingArrivesThroughConnectionResets(MqttBroker broker) throws Exception {
    try (FaultProxy network = FaultProxy.start("127.0.0.1", broker.port(), 7);
        ReadingCollector collector =
            new ReadingCollector(broker.uri(), "heatwatch/v1/flaky/+/readings");
        SimulatedFleet fleet =
            SimulatedFleet.connect(
                new FleetSpec("flaky", "pi", 1, SENSORS, 3, SpikePlan.NONE),
                MqttSettings.plain(network.uri()),
                dir.resolve("devices"),
                Clock.systemUTC())) {
      await().atMost(Duration.ofSeconds(30)).until(() -> network.open() > 0);
      network.resetChance(0.05);
      int ticks = 0;
      while (ticks < MIN_TICKS || (network.resets() < RESETS && ticks < MAX_TICKS)) {
        fleet.tickAll();
        ticks++;
        Thread.sleep(20);
      }
      network.heal();
      assertThat(network.resets()).as("connections reset").isGreaterThanOrEqualTo(RESETS);
      long total = (long) ticks * SENSORS;
      long first = OutboxFiles.firstSeq(dir.resolve("devices/pi-01/outbox.db"));
      await().atMost(Duration.ofMinutes(3)).until(() -> fleet.waiting() == 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> collector.firstArrivals().size() == total);
      assertThat(collector.firstArrivals())
          .containsExactlyInAnyOrderElementsOf(
              LongStream.range(first, first + total).boxed().toList());
      System.out.printf(
          "flaky network: %d connection resets, %d readings delivered, %d duplicate deliveries%n",
          network.resets(), total, collector.duplicates());
    }
  }
}
