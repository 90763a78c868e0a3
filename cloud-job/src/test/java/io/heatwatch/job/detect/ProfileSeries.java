package io.heatwatch.job.detect;

import io.heatwatch.job.TestReadings;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;
import io.heatwatch.model.Versions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * One sensor with a profile's thresholds through {@link SensorDetection}, fed generated series at a
 * cadence (seeded noise, DS18B20 quantisation); keeps every alarm change it made.
 */
final class ProfileSeries {
  private final SensorDetection detection = new SensorDetection();
  final SensorState state = new SensorState();
  final List<Alarm> alarms = new ArrayList<>();
  private final SplittableRandom random = new SplittableRandom(19);
  Thresholds thresholds;
  final long cadenceS;
  private long seconds;
  private long seq;

  ProfileSeries(Thresholds thresholds, long cadenceS) {
    this.thresholds = thresholds;
    this.cadenceS = cadenceS;
  }

  ProfileSeries(SensorProfile profile, long cadenceS) {
    this(profile.thresholds(Thresholds.DEFAULTS), cadenceS);
  }

  /** Reads {@code value} exactly, then moves one cadence on. */
  ProfileSeries read(double value) {
    Reading r = TestReadings.ok("pi", "t1", ++seq, seconds, value);
    detection.onReading(state, r, thresholds, alarms::add);
    seconds += cadenceS;
    return this;
  }

  /**
   * Reads for {@code minutes} of event time: {@code shape} of the minutes since this stretch began,
   * plus noise of sigma {@code sigma}, quantised to 0.0625 °C.
   */
  ProfileSeries during(double minutes, double sigma, DoubleUnaryOperator shape) {
    long start = seconds;
    while (seconds - start < minutes * 60) {
      double v = shape.applyAsDouble((seconds - start) / 60.0) + sigma * random.nextGaussian();
      read(Math.round(v / 0.0625) * 0.0625);
    }
    return this;
  }

  /** {@code minutes} at {@code level} with a little noise. */
  ProfileSeries steady(double minutes, double level) {
    return during(minutes, 0.03, m -> level);
  }

  /** Moves event time on by {@code minutes} with no reading. */
  ProfileSeries skip(double minutes) {
    seconds += Math.round(minutes * 60);
    return this;
  }

  /** Applies an operator's command at the current event time. */
  Alarm command(AlarmCommand.Action action, Alarm alarm) {
    AlarmCommand c =
        new AlarmCommand(Versions.V1, alarm.alarmId(), action, "olga", "stock moved", now());
    return detection.onCommand(state, c);
  }

  Instant now() {
    return TestReadings.T0.plusSeconds(seconds);
  }

  /** Event time of {@code at} in minutes since the series began. */
  static double minutes(Instant at) {
    return (at.toEpochMilli() - TestReadings.T0.toEpochMilli()) / 60_000.0;
  }

  /** The alarm changes of {@code kind}, in order. */
  List<Alarm> of(AlarmKind kind) {
    return alarms.stream().filter(a -> a.kind() == kind).toList();
  }

  /** The alarms of {@code kind} that opened. */
  List<Alarm> opened(AlarmKind kind) {
    return alarms.stream()
        .filter(a -> a.kind() == kind && a.version() == 1 && a.state() == AlarmState.OPEN)
        .toList();
  }
}
