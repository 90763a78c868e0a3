package io.heatwatch.job.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies in milliseconds, added from several threads; the benchmarks' percentiles. */
final class Latencies {
  private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

  void add(double ms) {
    millis.add(ms);
  }

  int count() {
    return millis.size();
  }

  double percentile(double p) {
    List<Double> sorted;
    synchronized (millis) {
      sorted = new ArrayList<>(millis);
    }
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    sorted.sort(null);
    int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  @Override
  public String toString() {
    return String.format(
        "n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms",
        millis.size(), percentile(50), percentile(95), percentile(99), percentile(100));
  }
}
