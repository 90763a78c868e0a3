package io.heatwatch.edge.sensor;

import io.heatwatch.model.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, reproducible DS18B20 stand-in: a base temperature with a diurnal cycle, slow drift and
 * noise quantised to the sensor's 0.0625 °C step, plus spikes on a fixed schedule and injected
 * episodes (spikes, ramps, flatlines, faults) whose ground truth goes to a {@link LabelSink}.
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
  private final List<Anomaly> anomalies;
  private final LabelSink labels;
  private final Map<Anomaly, Instant> started = new HashMap<>();
  private double drift;
  private long readings;
  private double lastClean;

  /**
   * @param id the sensor id
   * @param baseC the temperature the signal wanders around
   * @param seed the random seed, so runs are reproducible
   * @param spikes when to inject spikes, {@link SpikePlan#NONE} for none
   */
  public SimulatedSensor(String id, double baseC, long seed, SpikePlan spikes) {
    this(id, baseC, seed, spikes, List.of(), LabelSink.NONE);
  }

  /**
   * @param anomalies episodes to inject besides the spike plan
   * @param labels receives the ground truth of every spike and episode when it ends
   */
  public SimulatedSensor(
      String id,
      double baseC,
      long seed,
      SpikePlan spikes,
      List<Anomaly> anomalies,
      LabelSink labels) {
    this.id = id;
    this.baseC = baseC;
    this.random = new SplittableRandom(seed);
    this.spikes = spikes;
    this.anomalies = List.copyOf(anomalies);
    this.labels = labels;
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
    double clean = value;
    if (spikes.isSpike(readings)) {
      value += spikes.deltaC();
      labels.accept(new Label(id, Anomaly.Kind.SPIKE.name(), now, now, spikes.deltaC()));
    }
    Quality quality = Quality.OK;
    for (Anomaly a : anomalies) {
      if (!a.covers(readings)) {
        continue;
      }
      started.putIfAbsent(a, now);
      switch (a.kind()) {
        case SPIKE -> value += a.magnitude();
        case RAMP -> value += a.magnitude() * (readings - a.start() + 1);
        case FLATLINE -> value = lastClean;
        case FAULT -> quality = Quality.CRC_ERROR;
      }
      if (a.endsAt(readings)) {
        labels.accept(new Label(id, a.kind().name(), started.remove(a), now, a.magnitude()));
      }
    }
    if (anomalies.stream()
        .noneMatch(a -> a.kind() == Anomaly.Kind.FLATLINE && a.covers(readings))) {
      lastClean = clean;
    }
    if (quality != Quality.OK) {
      return new Sample(id, null, quality);
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
