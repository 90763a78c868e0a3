package io.heatwatch.job.detect;

import io.heatwatch.job.detect.AlarmLifecycle.Subject;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Thresholds;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Runs every per-sensor detector on one reading and passes their signals through the alarm
 * lifecycle. Plain Java, so that the Flink operator ({@code sensor.SensorFunction}) and the
 * evaluation tool run the very same code. Not thread-safe: one instance per operator instance.
 */
public final class SensorDetection implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Detector[] detectors;

  /** The detectors, in the order they run; made on first use, as they are not serializable. */
  private Detector[] detectors() {
    if (detectors == null) {
      detectors =
          new Detector[] {
            ThresholdDetector.high(),
            ThresholdDetector.low(),
            new RateOfChangeDetector(),
            new SpikeDetector(),
            new FlatlineDetector(),
            new SensorFaultDetector()
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
    Subject subject = null;
    for (Detector detector : detectors()) {
      Signal signal = detector.judge(state, reading, thresholds);
      if (signal == null || nothingToChange(tracks, detector.kind(), signal)) {
        continue;
      }
      if (subject == null) {
        subject = new Subject(reading.site(), reading.deviceId(), reading.sensorId());
      }
      long minDuration = detector.waitsMinDuration() ? thresholds.minDurationMs() : 0;
      Alarm changed =
          AlarmLifecycle.apply(tracks, detector.kind(), signal, subject, reading.ts(), minDuration);
      if (changed != null) {
        out.accept(changed);
      }
    }
    if (reading.quality().usable()) {
      state.add(reading.tempC(), reading.ts().toEpochMilli());
    }
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

  /** Applies an operator's command; returns the changed alarm or {@code null}. */
  public Alarm onCommand(SensorState state, AlarmCommand command) {
    return AlarmLifecycle.command(state.tracks(), command);
  }
}
