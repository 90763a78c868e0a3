package io.heatwatch.job.eval;

import io.heatwatch.model.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * One simulated cold-store sensor of the historic cases (clean, spike, ramp, flatline, fault): a
 * diurnal cycle, a linear drift and Gaussian noise quantised to the DS18B20's 0.0625 °C, plus
 * isolated single CRC errors; the generator injects its episodes on top.
 */
final class Trace {
  static final double STEP_C = 0.0625;
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  /**
   * Chance of an isolated CRC error per reading: 4 a day at one reading every 10 s. Per reading,
   * not per day, so a sensor read every 15 min does not see a fault burst by chance.
   */
  static final double CRC_ERROR_CHANCE = 4.0 / 8_640;

  final long intervalMs;
  final double[] value;
  final Quality[] quality;

  Trace(int n, Duration interval, Random random) {
    intervalMs = interval.toMillis();
    value = new double[n];
    quality = new Quality[n];
    double base = 4 + 4 * random.nextDouble();
    double amplitude = 0.5 + 1.5 * random.nextDouble();
    double phase = 2 * Math.PI * random.nextDouble();
    double drift = (random.nextDouble() * 2 - 1) / n;
    double sigma = 0.03 + 0.09 * random.nextDouble();
    for (int i = 0; i < n; i++) {
      double day = i * intervalMs / 86_400_000.0;
      double x =
          base
              + amplitude * Math.sin(2 * Math.PI * day + phase)
              + drift * i
              + sigma * random.nextGaussian();
      value[i] = quantise(x);
      quality[i] = random.nextDouble() < CRC_ERROR_CHANCE ? Quality.CRC_ERROR : Quality.OK;
    }
  }

  Instant time(int i) {
    return START.plusMillis(i * intervalMs);
  }

  int spike(int from, double size, int length) {
    for (int i = from; i < from + length; i++) {
      value[i] += size;
      quality[i] = Quality.OK;
    }
    return from + length - 1;
  }

  /** Up at {@code rate} for 2.5–6 min (at most 12 °C), then down at the same rate. */
  int ramp(int from, double ratePerMin, Random random) {
    double perReading = ratePerMin * intervalMs / 60_000.0;
    double minutes = Math.min(2.5 + 3.5 * random.nextDouble(), 12 / ratePerMin);
    int up = Math.max(1, (int) Math.round(minutes * 60_000 / intervalMs));
    for (int i = 0; i < 2 * up; i++) {
      int steps = i < up ? i + 1 : 2 * up - i - 1;
      value[from + i] = quantise(value[from + i] + steps * perReading);
    }
    return from + 2 * up - 1;
  }

  int flatline(int from, int length) {
    for (int i = from; i < from + length; i++) {
      value[i] = value[from - 1];
      quality[i] = Quality.OK;
    }
    return from + length - 1;
  }

  int fault(int from, int length, Random random) {
    for (int i = from; i < from + length; i++) {
      quality[i] = random.nextBoolean() ? Quality.CRC_ERROR : Quality.DISCONNECTED;
    }
    return from + length - 1;
  }

  static double quantise(double x) {
    return Math.round(x / STEP_C) * STEP_C;
  }
}
