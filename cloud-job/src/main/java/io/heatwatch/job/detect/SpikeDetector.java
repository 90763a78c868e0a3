package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;

/**
 * SPIKE: a reading far from the sensor's robust baseline. The baseline is the median of the
 * sensor's recent OK readings, the last {@value SensorState#WINDOW} at most and only those within
 * {@value #BASELINE_CADENCES} of its {@link Cadence cadences}, each projected to the reading's time
 * along the median slope between readings half of them apart (so a slow trend or diurnal cycle is
 * not a spike); the scale is their median absolute deviation (×1.4826, at least {@value
 * #SIGMA_FLOOR_C} °C for the sensor's quantisation). With fewer than {@value #MIN_BASELINE} recent
 * readings (a new sensor, or the first readings after a gap such as a power cut) it does not judge:
 * readings from before a gap say nothing about the temperature after it.
 *
 * <p>It opens when the robust z-score reaches {@code spikeZ}, the distance reaches {@code
 * spikeMinDeltaC}, and the reading jumped there from the previous one ({@value #JUMP_SHARE} of the
 * distance): a steep ramp walks away from the baseline without jumping and is RATE_OF_CHANGE's
 * business. It stays open while the z-score is above half of {@code spikeZ}, so a spike of several
 * readings is one alarm.
 */
final class SpikeDetector implements Detector {
  /** Readings needed before the baseline means anything. */
  static final int MIN_BASELINE = 10;

  /**
   * How many cadences back a reading still counts for the baseline: the ring's length and room for
   * a few missing readings.
   */
  static final int BASELINE_CADENCES = SensorState.WINDOW + 9;

  /** Smallest scale, °C: about the DS18B20's 0.0625 °C step. */
  static final double SIGMA_FLOOR_C = 0.05;

  /** How far from the baseline a spike is CRITICAL. */
  static final double CRITICAL_DELTA_C = 10.0;

  /** Share of the distance the reading must have jumped from the previous one to open. */
  static final double JUMP_SHARE = 0.8;

  private static final double MAD_TO_SIGMA = 1.4826;

  private final double[] scratch = new double[SensorState.WINDOW];
  private final double[] projected = new double[SensorState.WINDOW];

  @Override
  public AlarmKind kind() {
    return AlarmKind.SPIKE;
  }

  @Override
  public Signal judge(SensorState state, Reading reading, Thresholds t) {
    if (!reading.quality().usable()) {
      return null;
    }
    double x = reading.tempC();
    int n = state.size;
    boolean idle = Detector.idle(state, AlarmKind.SPIKE);
    if (n < MIN_BASELINE) {
      return idle ? null : Signal.inactive(x, x, "");
    }
    double jump = Math.abs(x - state.value(0));
    if (idle && jump < JUMP_SHARE * t.spikeMinDeltaC()) {
      // Cannot open: that needs a jump of JUMP_SHARE of a distance of at least spikeMinDeltaC.
      // With no alarm open or pending, holding and clearing both do nothing, so the baseline
      // (three selections, most of the detectors' time) is not needed for nearly every reading.
      return null;
    }
    long now = reading.ts().toEpochMilli();
    n = recent(state, now);
    if (n < MIN_BASELINE) {
      return idle ? null : Signal.inactive(x, x, "");
    }
    double slope = slope(state, n);
    for (int i = 0; i < n; i++) {
      projected[i] = state.value(i) + slope * (now - state.time(i));
    }
    System.arraycopy(projected, 0, scratch, 0, n);
    double baseline = median(scratch, n);
    for (int i = 0; i < n; i++) {
      scratch[i] = Math.abs(projected[i] - baseline);
    }
    double sigma = Math.max(MAD_TO_SIGMA * median(scratch, n), SIGMA_FLOOR_C);
    double delta = Math.abs(x - baseline);
    double z = delta / sigma;
    if (z >= t.spikeZ() && delta >= t.spikeMinDeltaC() && jump >= JUMP_SHARE * delta) {
      Severity severity = delta >= CRITICAL_DELTA_C ? Severity.CRITICAL : Severity.WARNING;
      return Signal.active(severity, x, baseline, "%s %.2f °C, a spike off its baseline %.2f °C");
    }
    if (z >= t.spikeZ() / 2 && delta >= t.spikeMinDeltaC() / 2) {
      return Signal.hold(x, baseline);
    }
    return Signal.inactive(x, baseline, "%s %.2f °C, back at its baseline %.2f °C");
  }

  /**
   * How many of the newest readings are recent enough for the baseline at {@code now}: within
   * {@value #BASELINE_CADENCES} cadences (all of the ring while the cadence is not known).
   */
  private static int recent(SensorState state, long now) {
    long span = BASELINE_CADENCES * Cadence.usual(state);
    if (span == 0) {
      return state.size;
    }
    int n = 0;
    while (n < state.size && now - state.time(n) <= span) {
      n++;
    }
    return n;
  }

  /**
   * Median of the slopes between the newest {@code n} readings half of them apart, °C per ms; 0
   * without any. Neighbours would not do: their differences are a step or two of quantisation
   * noise, whose median is often a whole step per reading, a slope that projects the oldest
   * readings degrees away and hides a spike.
   */
  private double slope(SensorState state, int n) {
    int half = n / 2;
    int m = 0;
    for (int i = 0; i + half < n; i++) {
      long dt = state.time(i) - state.time(i + half);
      if (dt > 0) {
        scratch[m++] = (state.value(i) - state.value(i + half)) / dt;
      }
    }
    return m == 0 ? 0 : median(scratch, m);
  }

  /**
   * The median of the first {@code n} values of {@code a}, which it reorders: a selection (three
   * per reading) rather than a sort, as the detectors run on every reading.
   */
  static double median(double[] a, int n) {
    double upper = select(a, n, n / 2);
    if ((n & 1) == 1) {
      return upper;
    }
    double lower = a[0];
    for (int i = 1; i < n / 2; i++) {
      lower = Math.max(lower, a[i]);
    }
    return (lower + upper) / 2;
  }

  /**
   * The {@code k}-th smallest of the first {@code n} values (Hoare's selection); afterwards every
   * value before index {@code k} is at most it.
   */
  private static double select(double[] a, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double swap = a[i];
          a[i++] = a[j];
          a[j--] = swap;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return a[k];
  }
}
