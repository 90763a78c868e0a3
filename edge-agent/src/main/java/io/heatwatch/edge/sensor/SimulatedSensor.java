package io.heatwatch.edge.sensor;

import io.heatwatch.model.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A seeded, reproducible DS18B20 stand-in: a base temperature with a diurnal cycle, slow drift and
 * noise quantised to the sensor's 0.0625 °C step, plus spikes injected on a fixed schedule.
 */
public final class SimulatedSensor implements Sensor {
  /** The DS18B20's resolution at 12 bits. */
  public static final double STEP_C = 0.0625;

  private static final double DIURNAL_AMPLITUDE_C = 1.5;
  private static final double NOISE_C = 0.05;
  private static final double DRIFT_PER_READING_C = 0.002;

  private final String id;
  private final double baseC;
  private final SplittableRandom random;
  private final SpikePlan spikes;
  private double drift;
  private long readings;

  /**
   * @param id the sensor id
   * @param baseC the temperature the signal wanders around
   * @param seed the random seed, so runs are reproducible
   * @param spikes when to inject spikes, {@link SpikePlan#NONE} for none
   */
  public SimulatedSensor(String id, double baseC, long seed, SpikePlan spikes) {
    this.id = id;
    this.baseC = baseC;
    this.random = new SplittableRandom(seed);
    this.spikes = spikes;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized Sample read(Instant now) {
    readings++;
    drift += (random.nextDouble() - 0.5) * 2 * DRIFT_PER_READING_C;
    double dayFraction = (now.getEpochSecond() % Duration.ofDays(1).toSeconds()) / 86_400.0;
    double diurnal = DIURNAL_AMPLITUDE_C * Math.sin(2 * Math.PI * (dayFraction - 0.25));
    double noise = random.nextGaussian() * NOISE_C;
    double value = baseC + diurnal + drift + noise;
    if (spikes.isSpike(readings)) {
      value += spikes.deltaC();
    }
    return new Sample(id, quantise(value), Quality.OK);
  }

  /** How many reads this sensor has answered. */
  public synchronized long readings() {
    return readings;
  }

  static double quantise(double value) {
    return Math.round(value / STEP_C) * STEP_C;
  }
}
