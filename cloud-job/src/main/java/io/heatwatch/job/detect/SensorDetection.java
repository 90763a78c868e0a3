package io.heatwatch.job.detect;

import io.heatwatch.job.detect.AlarmLifecycle.Subject;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Runs the per-sensor detectors the sensor's thresholds check ({@link Thresholds#checks}) on one
 * reading and passes their signals through the alarm lifecycle. Plain Java, so that the Flink
 * operator ({@code sensor.SensorFunction}) and the evaluation tool run the very same code. Not
 * thread-safe: one instance per operator instance.
 *
 * <p>Around the detectors it keeps what several of them share: the defrost gate (HIGH waits for a
 * tolerated defrost, EXPOSURE does not count it, SPIKE and RATE_OF_CHANGE do not judge it) and the
 * HIGH and LOW excursion summaries that their alarms carry when they clear.
 */
public final class SensorDetection implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Detector[] detectors;

  /** The thresholds {@link #runs} was worked out for (the job builds one per config). */
  private transient Thresholds checked;

  /** Per detector, in {@link #detectors} order, whether {@link #checked} checks its kind. */
  private transient boolean[] runs;

  /** The detectors, in the order they run; made on first use, as they are not serializable. */
  private Detector[] detectors() {
    if (detectors == null) {
      detectors =
          new Detector[] {
            ThresholdDetector.high(),
            ThresholdDetector.low(),
            new TrendDetector(),
            new RateOfChangeDetector(),
            new SpikeDetector(),
            new FlatlineDetector(),
            new SensorFaultDetector(),
            new Exposure()
          };
    }
    return detectors;
  }

  /** Judges {@code reading}, passes every alarm change to {@code out}, then remembers it. */
  public void onReading(
      SensorState state, Reading reading, Thresholds thresholds, Consumer<Alarm> out) {
    if (ClockSteps.breaksDurations(state, reading)) {
      ClockSteps.resetDurations(state);
    }
    AlarmTracks tracks = state.tracks();
    boolean usable = reading.quality().usable();
    long now = reading.ts().toEpochMilli();
    if (usable) {
      before(state, reading.tempC(), now, thresholds);
    }
    boolean defrosting = DefrostGate.tolerating(state);
    Subject subject = null;
    Detector[] detectors = detectors();
    boolean[] runs = runs(thresholds);
    for (int d = 0; d < detectors.length; d++) {
      Detector detector = detectors[d];
      AlarmKind kind = detector.kind();
      if (!runs[d]) {
        if (tracks.open(kind) != null || tracks.pendingSince(kind) != AlarmTracks.NONE) {
          retire(state, tracks, kind, reading, out);
        }
        continue;
      }
      if (defrosting && (kind == AlarmKind.SPIKE || kind == AlarmKind.RATE_OF_CHANGE)) {
        continue;
      }
      Signal signal = detector.judge(state, reading, thresholds);
      if (signal == null || nothingToChange(tracks, kind, signal)) {
        continue;
      }
      if (subject == null) {
        subject = new Subject(reading.site(), reading.deviceId(), reading.sensorId());
      }
      long minDuration = detector.waitsMinDuration() ? thresholds.minDurationMs() : 0;
      if (defrosting && kind == AlarmKind.HIGH) {
        minDuration = Math.max(minDuration, thresholds.defrostMaxMs());
      }
      Alarm changed =
          AlarmLifecycle.apply(tracks, kind, signal, subject, reading.ts(), minDuration);
      if (changed != null) {
        out.accept(withExcursion(state, changed, now));
      }
    }
    if (state.highExcursion != null || state.lowExcursion != null) {
      Excursions.forgetIdle(state, tracks);
    }
    if (usable) {
      state.add(reading.tempC(), now);
    }
  }

  /** Which detectors {@code thresholds} runs, worked out once for each thresholds object. */
  private boolean[] runs(Thresholds thresholds) {
    if (thresholds != checked) {
      Detector[] detectors = detectors();
      boolean[] fresh = new boolean[detectors.length];
      for (int d = 0; d < detectors.length; d++) {
        fresh[d] = thresholds.checks(detectors[d].kind());
      }
      runs = fresh;
      checked = thresholds;
    }
    return runs;
  }

  /** The bookkeeping shared by several detectors, before they judge the OK value {@code v}. */
  private static void before(SensorState state, double v, long now, Thresholds t) {
    if (t.defrosts() && t.checks(AlarmKind.HIGH)) {
      DefrostGate.observe(state, v, now, t);
    } else if (state.defrostStart != 0) {
      state.defrostStart = 0;
      state.defrostTolerating = false;
    }
    double high = t.checks(AlarmKind.HIGH) ? t.highC() : Double.POSITIVE_INFINITY;
    double low = t.checks(AlarmKind.LOW) ? t.lowC() : Double.NEGATIVE_INFINITY;
    if (v > high || v < low || state.highExcursion != null || state.lowExcursion != null) {
      Excursions.observe(state, v, now, Gaps.weight(state, now), high, low);
    }
  }

  /**
   * Clears the open alarm of a kind the sensor's thresholds no longer check (its profile changed)
   * and forgets a pending one.
   */
  private static void retire(
      SensorState state, AlarmTracks tracks, AlarmKind kind, Reading reading, Consumer<Alarm> out) {
    Alarm open = tracks.open(kind);
    tracks.pendingSince(kind, AlarmTracks.NONE);
    if (open == null) {
      return;
    }
    tracks.open(kind, null);
    Alarm cleared =
        AlarmLifecycle.closed(
            open,
            open.updatedAt().isAfter(reading.ts()) ? open.updatedAt() : reading.ts(),
            "no longer checked: the sensor's profile does not run " + kind);
    out.accept(withExcursion(state, cleared, reading.ts().toEpochMilli()));
  }

  /** {@code alarm}, with its excursion summary if it is a HIGH or LOW alarm that cleared. */
  private static Alarm withExcursion(SensorState state, Alarm alarm, long now) {
    if (alarm.state() != AlarmState.CLEARED
        || (alarm.kind() != AlarmKind.HIGH && alarm.kind() != AlarmKind.LOW)) {
      return alarm;
    }
    Alarm.Excursion excursion = Excursions.end(state, alarm.kind(), now);
    return excursion == null ? alarm : alarm.toBuilder().excursion(excursion).build();
  }

  /**
   * Whether {@code signal} leaves the lifecycle as it is: a condition that does not hold, with no
   * alarm of the kind open or pending (nearly every reading, for every detector).
   */
  private static boolean nothingToChange(AlarmTracks tracks, AlarmKind kind, Signal signal) {
    return signal.condition() != Signal.Condition.ACTIVE
        && tracks.open(kind) == null
        && tracks.pendingSince(kind) == AlarmTracks.NONE;
  }

  /**
   * Applies an operator's command; returns the changed alarm or {@code null}. Resolving EXPOSURE
   * forgets the exposure counted so far; a resolved HIGH or LOW carries its excursion summary.
   */
  public Alarm onCommand(SensorState state, AlarmCommand command) {
    Alarm changed = AlarmLifecycle.command(state.tracks(), command);
    if (changed == null || changed.state() != AlarmState.CLEARED) {
      return changed;
    }
    if (changed.kind() == AlarmKind.EXPOSURE) {
      Exposure.reset(state);
    }
    return withExcursion(state, changed, changed.updatedAt().toEpochMilli());
  }
}
