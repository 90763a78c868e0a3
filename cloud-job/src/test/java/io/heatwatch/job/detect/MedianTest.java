package io.heatwatch.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MedianTest {
  /** The selection against a sorted copy, with the duplicates quantised readings have. */
  @Test
  void agreesWithTheMiddleOfASortedCopy() {
    SplittableRandom random = new SplittableRandom(3);
    for (int round = 0; round < 50_000; round++) {
      int n = random.nextInt(1, SensorState.WINDOW + 1);
      double[] values = new double[SensorState.WINDOW];
      for (int i = 0; i < n; i++) {
        values[i] =
            random.nextBoolean()
                ? Math.round(random.nextDouble(-5, 5) * 16) / 16.0
                : random.nextInt(3) * 0.0625;
      }
      double[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      double expected = (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      assertThat(SpikeDetector.median(values, n))
          .as("median of %s", Arrays.toString(sorted))
          .isEqualTo(expected);
    }
  }
}
