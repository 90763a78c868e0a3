package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Versions;
import java.io.IOException;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HIGH detector of one sensor: opens an alarm when an OK reading is above the threshold, keeps
 * at most one open, escalates it to CRITICAL at {@value #CRITICAL_MARGIN_C} °C above, and clears it
 * only once a reading is below {@code threshold - hysteresis}, so a value hovering at the threshold
 * does not flap.
 *
 * <p>Each change emits the alarm with the next {@code version}; its times are the readings' event
 * times, so a replay emits the same alarm again and consumers can keep the highest version.
 */
public final class HighThresholdDetector extends KeyedProcessFunction<String, Reading, Alarm> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(HighThresholdDetector.class);

  /** How far above the threshold an alarm is CRITICAL rather than WARNING. */
  public static final double CRITICAL_MARGIN_C = 10.0;

  private final double thresholdC;
  private final double hysteresisC;
  private transient ValueState<Alarm> openAlarm;

  /**
   * A detector that opens above {@code thresholdC} and clears below it minus {@code hysteresisC}.
   */
  public HighThresholdDetector(double thresholdC, double hysteresisC) {
    if (hysteresisC < 0) {
      throw new IllegalArgumentException("hysteresisC must be >= 0, got " + hysteresisC);
    }
    this.thresholdC = thresholdC;
    this.hysteresisC = hysteresisC;
  }

  @Override
  public void open(OpenContext openContext) {
    openAlarm =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("open-high-alarm", TypeInformation.of(Alarm.class)));
  }

  @Override
  public void processElement(Reading reading, Context ctx, Collector<Alarm> out)
      throws IOException {
    if (!reading.quality().usable()) {
      return;
    }
    double value = reading.tempC();
    Alarm open = openAlarm.value();
    Alarm changed = null;
    if (open == null) {
      if (value > thresholdC) {
        changed = opened(reading, value);
      }
    } else if (value < thresholdC - hysteresisC) {
      changed = cleared(open, reading, value);
    } else if (open.severity() == Severity.WARNING && severity(value) == Severity.CRITICAL) {
      changed = escalated(open, reading, value);
    }
    if (changed == null) {
      return;
    }
    if (changed.state() == AlarmState.CLEARED) {
      openAlarm.clear();
    } else {
      openAlarm.update(changed);
    }
    LOG.info(
        "alarm {} {} v{} {} value={} threshold={} seq={}",
        changed.alarmId(),
        changed.state(),
        changed.version(),
        changed.severity(),
        value,
        thresholdC,
        reading.seq());
    out.collect(changed);
  }

  private Alarm opened(Reading reading, double value) {
    return new Alarm(
        Versions.V1,
        Alarm.idFor(reading.deviceId(), reading.sensorId(), AlarmKind.HIGH, reading.ts()),
        1,
        reading.site(),
        reading.deviceId(),
        reading.sensorId(),
        AlarmKind.HIGH,
        severity(value),
        AlarmState.OPEN,
        reading.ts(),
        reading.ts(),
        null,
        null,
        null,
        value,
        thresholdC,
        message(reading, value));
  }

  private Alarm escalated(Alarm open, Reading reading, double value) {
    return next(open, reading, Severity.CRITICAL, AlarmState.OPEN, value, message(reading, value));
  }

  private Alarm cleared(Alarm open, Reading reading, double value) {
    String message =
        String.format(
            Locale.ROOT,
            "%s %.2f °C, back below %.2f °C (threshold %.2f °C - hysteresis %.2f °C)",
            reading.sensorId(),
            value,
            thresholdC - hysteresisC,
            thresholdC,
            hysteresisC);
    return next(open, reading, open.severity(), AlarmState.CLEARED, value, message);
  }

  private static Alarm next(
      Alarm open,
      Reading reading,
      Severity severity,
      AlarmState state,
      double value,
      String message) {
    return new Alarm(
        open.v(),
        open.alarmId(),
        open.version() + 1,
        open.site(),
        open.deviceId(),
        open.sensorId(),
        open.kind(),
        severity,
        state,
        open.openedAt(),
        reading.ts(),
        state == AlarmState.CLEARED ? reading.ts() : null,
        open.ackedBy(),
        open.ackComment(),
        value,
        open.threshold(),
        message);
  }

  private Severity severity(double value) {
    return value >= thresholdC + CRITICAL_MARGIN_C ? Severity.CRITICAL : Severity.WARNING;
  }

  private String message(Reading reading, double value) {
    return String.format(
        Locale.ROOT,
        "%s %.2f °C, above the HIGH threshold %.2f °C",
        reading.sensorId(),
        value,
        thresholdC);
  }
}
