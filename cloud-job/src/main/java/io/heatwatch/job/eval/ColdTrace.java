package io.heatwatch.job.eval;

import io.heatwatch.model.Quality;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * One simulated fridge or freezer as real ones behave: the thermostat's compressor cycle (a slow
 * rise while the compressor rests, a quicker fall while it runs), a small diurnal swing, Gaussian
 * noise, isolated CRC errors, all quantised to 0.0625 °C at the end. The patterns of {@link
 * ColdPatterns} are added on top; a reading can be taken out (a swapped sensor's gap).
 */
final class ColdTrace {
  private static final double HOUR_MS = 3_600_000.0;

  final SensorProfile profile;
  final Thresholds thresholds;
  final long intervalMs;
  final double base;
  final double[] value;
  final Quality[] quality;
  final boolean[] present;

  /** The thermostat cycle's part of each value, which a stopped compressor does not have. */
  private final double[] cycleC;

  ColdTrace(SensorProfile profile, int n, Duration interval, Random random) {
    this.profile = profile;
    this.thresholds = profile.thresholds(Thresholds.DEFAULTS);
    intervalMs = interval.toMillis();
    value = new double[n];
    quality = new Quality[n];
    present = new boolean[n];
    cycleC = new double[n];
    boolean freezer = profile == SensorProfile.FREEZER;
    base = freezer ? -18.5 + random.nextDouble() : 4 + random.nextDouble();
    double cycle = freezer ? 0.3 + 0.3 * random.nextDouble() : 0.2 + 0.2 * random.nextDouble();
    double periodMs = (freezer ? 40 + 40 * random.nextDouble() : 30 + 30 * random.nextDouble());
    periodMs *= 60_000;
    double cycleStart = random.nextDouble();
    double diurnal = 0.1 + 0.2 * random.nextDouble();
    double phase = 2 * Math.PI * random.nextDouble();
    double sigma = freezer ? 0.03 + 0.05 * random.nextDouble() : 0.02 + 0.04 * random.nextDouble();
    for (int i = 0; i < n; i++) {
      double t = i * intervalMs;
      double f = (t / periodMs + cycleStart) % 1;
      // Compressor off for 70 % of the cycle (slow rise), on for 30 % (quicker fall).
      double saw = f < 0.7 ? -1 + 2 * f / 0.7 : 1 - 2 * (f - 0.7) / 0.3;
      cycleC[i] = cycle * saw;
      value[i] =
          base
              + cycleC[i]
              + diurnal * Math.sin(2 * Math.PI * t / (24 * HOUR_MS) + phase)
              + sigma * random.nextGaussian();
      quality[i] = random.nextDouble() < Trace.CRC_ERROR_CHANCE ? Quality.CRC_ERROR : Quality.OK;
      present[i] = true;
    }
  }

  /** Readings per {@code ms} of time, at least one. */
  int readings(double ms) {
    return Math.max(1, (int) Math.round(ms / intervalMs));
  }

  /** The reading index at event time {@code ms} after the start (clamped to the trace). */
  int index(double ms) {
    return (int) Math.min(value.length - 1, Math.max(0, Math.round(ms / intervalMs)));
  }

  /** Milliseconds from the start to reading {@code i}. */
  double ms(int i) {
    return (double) i * intervalMs;
  }

  /** The event time of reading {@code i}. */
  Instant time(int i) {
    return Trace.START.plusMillis(i * intervalMs);
  }

  /**
   * Stops the thermostat cycle from reading {@code from} to before {@code to} (a failed compressor,
   * no power): the cycle stays where it was at {@code from}, so the rise added on top is steady.
   */
  void stopCycle(int from, int to) {
    for (int i = from; i < Math.min(to, value.length); i++) {
      value[i] += cycleC[from] - cycleC[i];
    }
  }

  /** Quantises every value to the DS18B20's step, once all patterns are in. */
  void quantise() {
    for (int i = 0; i < value.length; i++) {
      value[i] = Trace.quantise(value[i]);
    }
  }
}
