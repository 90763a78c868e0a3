package io.heatwatch.job.eval;

import io.heatwatch.model.Alarm.AlarmKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What real fridges and freezers do, added to a {@link ColdTrace}: defrost cycles and door openings
 * (no alarm is right), a failing compressor and a power cut (a rise past HIGH: TREND while it
 * rises, HIGH while above), and a swapped sensor (a gap, then a level offset and other noise).
 * Durations are event time, so each pattern looks the same at every cadence.
 */
final class ColdPatterns {
  private static final double MIN = 60_000;
  private static final double HOUR = 3_600_000;
  private static final double DAY = 24 * HOUR;

  /** A failure's first and last reading (indices of its trace). */
  record Episode(int first, int last) {}

  private ColdPatterns() {}

  /**
   * 2–4 defrosts a day on a regular schedule (±2 min): the air rises 5–15 °C (peaking at least 1.5
   * °C under the profile's defrost ceiling) and is back 20–40 min after the start.
   */
  static void defrost(ColdTrace t, Random r) {
    double period = DAY / (2 + r.nextInt(3));
    double offset = r.nextDouble() * period;
    double duration = (20 + 20 * r.nextDouble()) * MIN;
    double rise = Math.min(5 + 10 * r.nextDouble(), t.thresholds.defrostCeilingC() - 1.5 - t.base);
    for (double at = offset; at < t.ms(t.value.length - 1); at += period) {
      double start = at + (4 * r.nextDouble() - 2) * MIN;
      double size = rise * (0.9 + 0.1 * r.nextDouble());
      double length = duration + (2 * r.nextDouble() - 1) * MIN;
      for (int i = t.index(start); i < t.value.length && t.ms(i) <= start + length; i++) {
        double u = (t.ms(i) - start) / length;
        if (u >= 0) {
          // Heater on: a steady rise for 60 % of it; compressor back: a fall that slows down.
          t.value[i] += size * (u < 0.6 ? u / 0.6 : Math.pow(1 - (u - 0.6) / 0.4, 2));
        }
      }
    }
  }

  /**
   * 3–8 door openings a day between 07:00 and 22:00, at least 30 min apart: the air rises 2–6 °C
   * while the door is open (1–5 min) and falls back with a time constant of 2–4 min after.
   */
  static void door(ColdTrace t, Random r) {
    double end = t.ms(t.value.length - 1);
    for (double day = 0; day < end; day += DAY) {
      int count = 3 + r.nextInt(6);
      double[] times = new double[count];
      for (int k = 0; k < count; k++) {
        times[k] = day + 7 * HOUR + 15 * HOUR * r.nextDouble();
      }
      Arrays.sort(times);
      double previous = Double.NEGATIVE_INFINITY;
      for (double start : times) {
        double open = (1 + 4 * r.nextDouble()) * MIN;
        double size = 2 + 4 * r.nextDouble();
        double tau = (2 + 2 * r.nextDouble()) * MIN;
        if (start - previous < 30 * MIN) {
          continue;
        }
        previous = start;
        double atClose = size * (1 - Math.exp(-open / (0.5 * MIN)));
        for (int i = t.index(start); i < t.value.length && t.ms(i) < start + open + 6 * tau; i++) {
          double dt = t.ms(i) - start;
          if (dt >= 0) {
            t.value[i] +=
                dt < open
                    ? size * (1 - Math.exp(-dt / (0.5 * MIN)))
                    : atClose * Math.exp(-(dt - open) / tau);
          }
        }
      }
    }
  }

  /**
   * A failing compressor about every 56 h: from normal, a steady rise of 2–6 °C/h to 2–4 °C past
   * HIGH, held there 1–2 h, then repaired (back with a time constant of 15–30 min); the thermostat
   * cycle stops from the failure to the repair.
   */
  static List<Episode> compressor(ColdTrace t, Random r) {
    List<Episode> episodes = new ArrayList<>();
    for (double slot = 0; slot + 56 * HOUR <= t.ms(t.value.length); slot += 56 * HOUR) {
      double start = slot + (4 + 36 * r.nextDouble()) * HOUR;
      double rate = (2 + 4 * r.nextDouble()) / HOUR;
      double top = t.thresholds.highC() - t.base + 2 + 2 * r.nextDouble();
      double rise = top / rate;
      double hold = (1 + r.nextDouble()) * HOUR;
      double tau = (15 + 15 * r.nextDouble()) * MIN;
      double end = start + rise + hold + 5 * tau;
      t.stopCycle(t.index(start), t.index(start + rise + hold));
      for (int i = t.index(start); i <= t.index(end); i++) {
        double dt = t.ms(i) - start;
        if (dt >= 0) {
          t.value[i] +=
              dt < rise
                  ? rate * dt
                  : dt < rise + hold ? top : top * Math.exp(-(dt - rise - hold) / tau);
        }
      }
      episodes.add(new Episode(t.index(start), t.index(end)));
    }
    return episodes;
  }

  /**
   * A power cut about every 84 h: 1–4 h without power, the air approaching the room's 20–25 °C with
   * a time constant of 1–2 h; then the compressor pulls it back (20–40 min).
   */
  static List<Episode> powercut(ColdTrace t, Random r) {
    List<Episode> episodes = new ArrayList<>();
    for (double slot = 0; slot + 84 * HOUR <= t.ms(t.value.length); slot += 84 * HOUR) {
      double start = slot + (4 + 66 * r.nextDouble()) * HOUR;
      double cut = (1 + 3 * r.nextDouble()) * HOUR;
      double room = 20 + 5 * r.nextDouble() - t.base;
      double warm = (1 + r.nextDouble()) * HOUR;
      double cool = (20 + 20 * r.nextDouble()) * MIN;
      double atRestore = room * (1 - Math.exp(-cut / warm));
      double end = start + cut + 5 * cool;
      t.stopCycle(t.index(start), t.index(start + cut));
      for (int i = t.index(start); i <= t.index(end); i++) {
        double dt = t.ms(i) - start;
        if (dt >= 0) {
          t.value[i] +=
              dt < cut
                  ? room * (1 - Math.exp(-dt / warm))
                  : atRestore * Math.exp(-(dt - cut) / cool);
        }
      }
      episodes.add(new Episode(t.index(start), t.index(end)));
    }
    return episodes;
  }

  /**
   * The sensor replaced about every 84 h: no readings for 5–30 min, then a level offset of 0.2–1 °C
   * either way and more noise (σ + 0–0.05 °C) for the rest of the trace.
   */
  static void swap(ColdTrace t, Random r) {
    for (double slot = 0; slot + 84 * HOUR <= t.ms(t.value.length); slot += 84 * HOUR) {
      double start = slot + (4 + 70 * r.nextDouble()) * HOUR;
      double gap = (5 + 25 * r.nextDouble()) * MIN;
      double offset = (r.nextBoolean() ? 1 : -1) * (0.2 + 0.8 * r.nextDouble());
      double noise = 0.05 * r.nextDouble();
      for (int i = t.index(start); i < t.value.length; i++) {
        if (t.ms(i) < start + gap) {
          t.present[i] = false;
        } else {
          t.value[i] += offset + noise * r.nextGaussian();
        }
      }
    }
  }

  /**
   * Labels of rises past HIGH (after {@link ColdTrace#quantise()}): TREND from the episode's start
   * to its first reading above HIGH, HIGH from there to its last reading above HIGH; and EXPOSURE
   * from the reading at which the time spent above HIGH since the trace began reaches the profile's
   * exposure limit to that episode's last reading above HIGH. Once: the limit is over a window (30
   * days) longer than a corpus, so that alarm stays open through the later episodes.
   */
  static void label(ColdTrace t, List<Episode> episodes, String sensor, List<LabelWindow> labels) {
    double above = 0;
    boolean wasExposed = false;
    int previousEnd = 0;
    for (Episode e : episodes) {
      for (int i = previousEnd; i < e.first(); i++) {
        above += aboveHigh(t, i) ? t.intervalMs : 0;
      }
      int crossing = -1;
      int last = -1;
      int exposed = -1;
      for (int i = e.first(); i <= e.last(); i++) {
        if (aboveHigh(t, i)) {
          crossing = crossing < 0 ? i : crossing;
          last = i;
          above += t.intervalMs;
          long max = t.thresholds.exposureMaxMs();
          exposed = exposed < 0 && !wasExposed && max > 0 && above >= max ? i : exposed;
        }
      }
      previousEnd = e.last() + 1;
      if (crossing < 0) {
        throw new IllegalStateException(sensor + ": an episode that never passes HIGH at " + e);
      }
      labels.add(new LabelWindow(sensor, AlarmKind.TREND, t.time(e.first()), t.time(crossing)));
      labels.add(new LabelWindow(sensor, AlarmKind.HIGH, t.time(crossing), t.time(last)));
      if (exposed >= 0) {
        labels.add(new LabelWindow(sensor, AlarmKind.EXPOSURE, t.time(exposed), t.time(last)));
        wasExposed = true;
      }
    }
  }

  private static boolean aboveHigh(ColdTrace t, int i) {
    return t.present[i] && t.quality[i].usable() && t.value[i] > t.thresholds.highC();
  }
}
