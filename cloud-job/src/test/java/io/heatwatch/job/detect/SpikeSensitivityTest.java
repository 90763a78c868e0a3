package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.sensor.SensorHarness;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.Thresholds;
import org.junit.jupiter.api.Test;

/** A sensor's own {@code spikeZ} from its config replaces the job's default SPIKE sensitivity. */
class SpikeSensitivityTest {

  @Test
  void thresholdsTakeTheSensorsSpikeZOrKeepTheDefault() {
    Thresholds defaults = Thresholds.DEFAULTS;

    assertThat(defaults.with(config("t1", 3.0)).spikeZ()).isEqualTo(3.0);
    assertThat(defaults.with(config("t1", null)).spikeZ()).isEqualTo(defaults.spikeZ());
  }

  @Test
  void aMoreSensitiveSensorOpensASpikeTheDefaultLetsPass() throws Exception {
    // Noise of ±0.4 °C gives a robust sigma of 0.59 °C: a 2 °C jump is z ≈ 3.4, below the default
    // 8.
    try (SensorHarness h = new SensorHarness()) {
      h.harness.processBroadcastElement(new ConfigUpdate("t1", config("t1", 3.0)), 1);
      for (int i = 0; i < 28; i++) {
        double noise = i % 2 == 0 ? -0.4 : 0.4;
        h.read(ok("pi", "t1", i, i * 10L, 20.0 + noise));
        h.read(ok("pi", "t2", i, i * 10L, 20.0 + noise));
      }
      h.read(ok("pi", "t1", 28, 280, 22.0));
      h.read(ok("pi", "t2", 28, 280, 22.0));

      assertThat(h.alarms(AlarmKind.SPIKE)).extracting(Alarm::sensorId).containsExactly("t1");
    }
  }

  private static SensorConfig config(String sensor, Double spikeZ) {
    return SensorConfig.builder()
        .sensorId(sensor)
        .site("home")
        .deviceId("pi")
        .name("fridge")
        .spikeZ(spikeZ)
        .updatedAt(T0)
        .updatedBy("maria")
        .build();
  }
}
