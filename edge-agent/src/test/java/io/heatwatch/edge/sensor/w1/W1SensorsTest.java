package io.heatwatch.edge.sensor.w1;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.model.Quality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
    W1Sensors sensors = new W1Sensors(new W1Bus(devices), Map.of(A, 0.5), Map.of(A, 10), 0);
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
}
