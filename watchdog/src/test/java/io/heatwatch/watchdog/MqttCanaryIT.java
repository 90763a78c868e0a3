package io.heatwatch.watchdog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heatwatch.testkit.MosquittoBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canary on Mosquitto, the production broker: through it, and its queue fill from $SYS. */
class MqttCanaryIT {
  @Test
  void theCanaryPassesTheBrokerAndItsQueueFillIsRead(@TempDir Path dir) throws Exception {
    try (MosquittoBroker broker =
            MosquittoBroker.start(dir, "allow_anonymous true\nsys_interval 1\n");
        MqttCanary canary =
            new MqttCanary(broker.uri(), "heatwatch-canary", Optional.empty(), Clock.systemUTC())) {
      long[] seq = new long[1];
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                seq[0] = canary.publish();
                return canary.passed().isPresent();
              });
      assertEquals(Optional.empty(), canary.down());
      assertTrue(canary.passed().get().isAfter(Instant.now().minusSeconds(20)));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> canary.queueBytes().isPresent() && canary.queueMessages().isPresent());

      broker.stop();
      await().atMost(Duration.ofSeconds(20)).until(() -> canary.down().isPresent());
      assertTrue(canary.down().get().startsWith("MQTT broker:"), canary.down().get());
    }
  }
}
