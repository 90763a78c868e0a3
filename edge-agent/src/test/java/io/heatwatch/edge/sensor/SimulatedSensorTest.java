package io.heatwatch.edge.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Quality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedSensorTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private static List<Double> series(long seed, SpikePlan plan, int n) {
    SimulatedSensor sensor = new SimulatedSensor("s1", 21.0, seed, plan);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Sample sample = sensor.read(T0.plusSeconds(i));
      assertThat(sample.quality()).isEqualTo(Quality.OK);
      values.add(sample.tempC());
    }
    return values;
  }

  @Test
  void sameSeedSameSeries() {
    assertThat(series(7, SpikePlan.NONE, 100)).isEqualTo(series(7, SpikePlan.NONE, 100));
    assertThat(series(7, SpikePlan.NONE, 100)).isNotEqualTo(series(8, SpikePlan.NONE, 100));
  }

  @Test
  void valuesAreQuantisedToTheSensorStepAndStayNearBase() {
    for (double v : series(3, SpikePlan.NONE, 500)) {
      assertThat(v / SimulatedSensor.STEP_C).isEqualTo(Math.rint(v / SimulatedSensor.STEP_C));
      assertThat(v).isBetween(17.0, 25.0);
    }
  }

  @Test
  void spikesLandExactlyOnPlannedReads() {
    List<Double> plain = series(5, SpikePlan.NONE, 30);
    List<Double> spiked = series(5, new SpikePlan(10, 10, 20.0), 30);
    for (int i = 0; i < 30; i++) {
      boolean spike = (i + 1) % 10 == 0;
      double expected = plain.get(i) + (spike ? 20.0 : 0.0);
      assertThat(spiked.get(i)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void singleSpikePlan() {
    SpikePlan plan = new SpikePlan(3, 0, 5);
    assertThat(plan.isSpike(2)).isFalse();
    assertThat(plan.isSpike(3)).isTrue();
    assertThat(plan.isSpike(6)).isFalse();
  }
}
