package io.heatwatch.job.eval;

import io.heatwatch.model.Alarm.AlarmKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores alarm openings against labels. An opening of a label's kind at a reading inside [label
 * start, label end + grace readings] of the same sensor is a true positive for the earliest such
 * label not yet matched; each label counts once; every other opening is a false positive (one that
 * falls in an already matched label is counted as a duplicate too). Positions are reading indices
 * in each sensor's series, so "delay" and "grace" are in readings.
 */
final class Scoring {

  /** An alarm opened at reading {@code index} of {@code sensor}, at event time {@code atMs}. */
  record Opening(String sensor, AlarmKind kind, int index, long atMs) {}

  /** A label as reading indices of its sensor's series: first and last affected reading. */
  record Window(String sensor, AlarmKind kind, int first, int last, long startMs) {}

  /** The score of one alarm kind. */
  record KindScore(
      AlarmKind kind,
      int labels,
      int tp,
      int fp,
      int duplicates,
      int fn,
      double[] delayReadings,
      double[] delaySeconds,
      int cleanFalseAlarms,
      List<Window> missed,
      List<Opening> falseAlarms,
      Map<Window, Opening> caught) {

    public double precision() {
      return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    }

    public double recall() {
      return labels == 0 ? Double.NaN : (double) tp / labels;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 || Double.isNaN(p) || Double.isNaN(r) ? Double.NaN : 2 * p * r / (p + r);
    }
  }

  /**
   * How long before HIGH a TREND alarm came, for a TREND label followed by a HIGH label on its
   * sensor (a rise past HIGH): {@code beforeHighAlarmS} from the TREND alarm to the HIGH alarm (NaN
   * when HIGH was missed), {@code beforeCrossingS} from the TREND alarm to HIGH's first reading
   * above the threshold (the HIGH label's start; negative when TREND came after it).
   */
  record Lead(String sensor, long trendAtMs, double beforeHighAlarmS, double beforeCrossingS) {}

  /** Every kind's score, and the clean sensor-time the false alarm rate is measured over. */
  record Result(Map<AlarmKind, KindScore> kinds, double cleanSeconds) {

    /** Every caught TREND label's lead before its HIGH, in the order of the labels. */
    public List<Lead> trendLeads() {
      KindScore trend = kinds.get(AlarmKind.TREND);
      KindScore high = kinds.get(AlarmKind.HIGH);
      List<Lead> leads = new ArrayList<>();
      if (trend == null || high == null) {
        return leads;
      }
      trend
          .caught()
          .forEach(
              (w, opening) -> {
                Window next = null;
                for (Window h : high.caught().keySet()) {
                  next = nextHigh(w, h, next);
                }
                for (Window h : high.missed()) {
                  next = nextHigh(w, h, next);
                }
                if (next != null) {
                  Opening h = high.caught().get(next);
                  leads.add(
                      new Lead(
                          w.sensor(),
                          opening.atMs(),
                          h == null ? Double.NaN : (h.atMs() - opening.atMs()) / 1000.0,
                          (next.startMs() - opening.atMs()) / 1000.0));
                }
              });
      return leads;
    }

    /** {@code h} if it is a HIGH label that starts where {@code trend} ends, nearer than best. */
    private static Window nextHigh(Window trend, Window h, Window best) {
      boolean follows =
          h.sensor().equals(trend.sensor())
              && h.first() >= trend.last()
              && h.first() <= trend.last() + 1;
      return follows && (best == null || h.first() < best.first()) ? h : best;
    }

    /** Openings on clean stretches, of every kind, per sensor-week of clean data. */
    public double falseAlarmsPerSensorWeek() {
      int all = kinds.values().stream().mapToInt(KindScore::cleanFalseAlarms).sum();
      return all / (cleanSeconds / (7 * 24 * 3600.0));
    }
  }

  private Scoring() {}

  /**
   * Scores {@code openings} against {@code labels}; {@code times} holds each sensor's reading times
   * (epoch ms), to tell clean stretches: readings that no label of any kind covers, with its grace.
   */
  static Result score(
      List<Window> labels, List<Opening> openings, Map<String, long[]> times, int grace) {
    Map<String, boolean[]> covered = new HashMap<>();
    times.forEach((sensor, t) -> covered.put(sensor, new boolean[t.length]));
    for (Window w : labels) {
      boolean[] c = covered.get(w.sensor());
      if (c != null) {
        Arrays.fill(c, Math.max(w.first(), 0), Math.min(w.last() + grace + 1, c.length), true);
      }
    }
    double cleanSeconds = 0;
    for (Map.Entry<String, long[]> e : times.entrySet()) {
      long[] t = e.getValue();
      boolean[] c = covered.get(e.getKey());
      for (int i = 1; i < t.length; i++) {
        if (!c[i] && !c[i - 1]) {
          cleanSeconds += (t[i] - t[i - 1]) / 1000.0;
        }
      }
    }
    Map<AlarmKind, KindScore> kinds = new EnumMap<>(AlarmKind.class);
    for (AlarmKind kind : AlarmKind.values()) {
      List<Window> ofKind = labels.stream().filter(w -> w.kind() == kind).toList();
      List<Opening> opened =
          openings.stream()
              .filter(o -> o.kind() == kind)
              .sorted(Comparator.comparingLong(Opening::atMs))
              .toList();
      if (!ofKind.isEmpty() || !opened.isEmpty()) {
        kinds.put(kind, scoreKind(kind, ofKind, opened, covered, grace));
      }
    }
    return new Result(kinds, cleanSeconds);
  }

  private static KindScore scoreKind(
      AlarmKind kind,
      List<Window> labels,
      List<Opening> openings,
      Map<String, boolean[]> covered,
      int grace) {
    boolean[] matched = new boolean[labels.size()];
    List<Double> delayReadings = new ArrayList<>();
    List<Double> delaySeconds = new ArrayList<>();
    List<Opening> falseAlarms = new ArrayList<>();
    Map<Window, Opening> caught = new LinkedHashMap<>();
    int duplicates = 0;
    int clean = 0;
    for (Opening o : openings) {
      int match = -1;
      boolean inMatched = false;
      for (int i = 0; i < labels.size(); i++) {
        Window w = labels.get(i);
        if (w.sensor().equals(o.sensor())
            && o.index() >= w.first()
            && o.index() <= w.last() + grace) {
          if (!matched[i]) {
            match = i;
            break;
          }
          inMatched = true;
        }
      }
      if (match >= 0) {
        matched[match] = true;
        caught.put(labels.get(match), o);
        delayReadings.add((double) (o.index() - labels.get(match).first()));
        delaySeconds.add((o.atMs() - labels.get(match).startMs()) / 1000.0);
        continue;
      }
      falseAlarms.add(o);
      duplicates += inMatched ? 1 : 0;
      boolean[] c = covered.get(o.sensor());
      if (c != null && o.index() < c.length && !c[o.index()]) {
        clean++;
      }
    }
    int tp = delayReadings.size();
    List<Window> missed = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      if (!matched[i]) {
        missed.add(labels.get(i));
      }
    }
    return new KindScore(
        kind,
        labels.size(),
        tp,
        falseAlarms.size(),
        duplicates,
        missed.size(),
        sorted(delayReadings),
        sorted(delaySeconds),
        clean,
        missed,
        falseAlarms,
        caught);
  }

  /** The nearest-rank {@code p}-th percentile (0 < p ≤ 100) of {@code sorted}; NaN when empty. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  private static double[] sorted(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }
}
