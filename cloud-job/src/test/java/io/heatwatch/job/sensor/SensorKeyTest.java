package io.heatwatch.job.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.TestReadings;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorRef;
import org.junit.jupiter.api.Test;

class SensorKeyTest {
  @Test
  void theOperatorsKeyIsTheSensorRefKeyTheConfigTopicUses() {
    Reading reading = TestReadings.ok("pi-kitchen", "28-0316a2796aff", 1, 0, 21.0);
    assertThat(SensorKey.of(reading)).isEqualTo(SensorRef.of(reading).key());
  }
}
