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

  @Test
  void episodesShapeTheSignalAndLeaveGroundTruthLabels() {
    List<Label> labels = new ArrayList<>();
    List<Anomaly> episodes =
        List.of(
            new Anomaly(Anomaly.Kind.RAMP, 11, 5, 1.0),
            new Anomaly(Anomaly.Kind.FLATLINE, 21, 4, 0),
            new Anomaly(Anomaly.Kind.FAULT, 31, 2, 0),
            new Anomaly(Anomaly.Kind.SPIKE, 41, 1, 15.0));
    SimulatedSensor plain = new SimulatedSensor("s1", 21.0, 9, SpikePlan.NONE);
    SimulatedSensor shaped =
        new SimulatedSensor("s1", 21.0, 9, new SpikePlan(45, 0, 20.0), episodes, labels::add);
    List<Sample> base = new ArrayList<>();
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      base.add(plain.read(T0.plusSeconds(i)));
      out.add(shaped.read(T0.plusSeconds(i)));
    }
    // reads are 1-based: read n is index n - 1
    for (int n = 11; n <= 15; n++) {
      assertThat(out.get(n - 1).tempC())
          .isCloseTo(base.get(n - 1).tempC() + (n - 10), org.assertj.core.data.Offset.offset(0.07));
    }
    assertThat(out.get(15).tempC()).isEqualTo(base.get(15).tempC());
    for (int n = 21; n <= 24; n++) {
      assertThat(out.get(n - 1).tempC())
          .as("stuck at read 20's value")
          .isEqualTo(base.get(19).tempC());
    }
    assertThat(out.get(30)).isEqualTo(new Sample("s1", null, Quality.CRC_ERROR));
    assertThat(out.get(31).quality()).isEqualTo(Quality.CRC_ERROR);
    assertThat(out.get(32).quality()).isEqualTo(Quality.OK);
    assertThat(out.get(40).tempC())
        .isCloseTo(base.get(40).tempC() + 15, org.assertj.core.data.Offset.offset(0.07));
    assertThat(labels)
        .containsExactly(
            new Label("s1", "RAMP", T0.plusSeconds(10), T0.plusSeconds(14), 1.0),
            new Label("s1", "FLATLINE", T0.plusSeconds(20), T0.plusSeconds(23), 0),
            new Label("s1", "FAULT", T0.plusSeconds(30), T0.plusSeconds(31), 0),
            new Label("s1", "SPIKE", T0.plusSeconds(40), T0.plusSeconds(40), 15.0),
            new Label("s1", "SPIKE", T0.plusSeconds(44), T0.plusSeconds(44), 20.0));
  }
}
