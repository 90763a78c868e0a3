package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.ok;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One sensor's readings at a given cadence through {@link SensorDetection}, as the job runs it:
 * seeded noise, DS18B20 quantisation, and the alarms it made.
 */
final class CadenceSeries {
  private final SensorDetection detection = new SensorDetection();
  private final SensorState state = new SensorState();
  private final Thresholds thresholds;
  private final SplittableRandom random;
  private final List<Alarm> alarms = new ArrayList<>();
  private final long cadenceS;
  private long seconds;
  private long seq;

  CadenceSeries(long cadenceS, Thresholds thresholds, long seed) {
    this.cadenceS = cadenceS;
    this.thresholds = thresholds;
    this.random = new SplittableRandom(seed);
  }

  CadenceSeries(long cadenceS) {
    this(cadenceS, Thresholds.DEFAULTS, 7);
  }

  /** Reads {@code value} exactly, then moves one cadence on. */
  CadenceSeries read(double value) {
    detection.onReading(state, ok("pi", "t1", ++seq, seconds, value), thresholds, alarms::add);
    seconds += cadenceS;
    return this;
  }

  /** {@code n} readings at {@code level} with noise of sigma {@code sigma}, quantised. */
  CadenceSeries noisy(int n, double level, double sigma) {
    for (int i = 0; i < n; i++) {
      read(quantise(level + random.nextGaussian() * sigma));
    }
    return this;
  }

  /** Moves event time on by {@code gapS} seconds with no reading (a power cut, a radio gap). */
  CadenceSeries skip(long gapS) {
    seconds += gapS;
    return this;
  }

  /** Seconds (after {@code TestReadings.T0}) of the next reading. */
  long seconds() {
    return seconds;
  }

  long cadenceS() {
    return cadenceS;
  }

  SensorState state() {
    return state;
  }

  List<Alarm> alarms(AlarmKind kind) {
    return alarms.stream().filter(a -> a.kind() == kind).toList();
  }

  /** The alarms of {@code kind} that opened (version 1). */
  List<Alarm> opened(AlarmKind kind) {
    return alarms(kind).stream()
        .filter(a -> a.state() == AlarmState.OPEN && a.version() == 1)
        .toList();
  }

  List<Alarm> alarms() {
    return alarms;
  }

  static double quantise(double value) {
    return Math.round(value / 0.0625) * 0.0625;
  }
}
