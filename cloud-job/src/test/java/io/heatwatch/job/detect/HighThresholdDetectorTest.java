package io.heatwatch.job.detect;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.faulty;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.functions.SensorKey;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HighThresholdDetectorTest {
  private static final double THRESHOLD = 35.0;
  private static final double HYSTERESIS = 1.0;

  private KeyedOneInputStreamOperatorTestHarness<String, Reading, Alarm> harness;
  private long seq;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new HighThresholdDetector(THRESHOLD, HYSTERESIS)),
            new SensorKey(),
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void opensAWarningWhenAnOkReadingExceedsTheThreshold() throws Exception {
    read(10, 35.0);
    read(20, 36.5);

    List<Alarm> alarms = harness.extractOutputValues();
    assertThat(alarms).hasSize(1);
    Alarm alarm = alarms.get(0);
    assertThat(alarm.alarmId())
        .isEqualTo(Alarm.idFor("pi-a", "t1", AlarmKind.HIGH, T0.plusSeconds(20)));
    assertThat(alarm.version()).isEqualTo(1);
    assertThat(alarm.kind()).isEqualTo(AlarmKind.HIGH);
    assertThat(alarm.severity()).isEqualTo(Severity.WARNING);
    assertThat(alarm.state()).isEqualTo(AlarmState.OPEN);
    assertThat(alarm.openedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(alarm.updatedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(alarm.clearedAt()).isNull();
    assertThat(alarm.value()).isEqualTo(36.5);
    assertThat(alarm.threshold()).isEqualTo(THRESHOLD);
    assertThat(alarm.site()).isEqualTo("home");
    assertThat(alarm.message()).contains("36.50 °C").contains("35.00 °C");
  }

  @Test
  void opensCriticalTenDegreesAboveTheThreshold() throws Exception {
    read(10, 45.0);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .extracting(Alarm::severity)
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void staysOpenWithoutAnotherAlarmWhileTheValueStaysHigh() throws Exception {
    read(10, 36.0);
    read(20, 37.0);
    read(30, 35.5);
    read(40, 34.5); // below the threshold but not below threshold - hysteresis

    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void clearsOnlyBelowThresholdMinusHysteresis() throws Exception {
    read(10, 36.0);
    read(20, 34.0); // exactly threshold - hysteresis: not below it
    read(30, 33.9);

    List<Alarm> alarms = harness.extractOutputValues();
    assertThat(alarms).hasSize(2);
    Alarm cleared = alarms.get(1);
    assertThat(cleared.alarmId()).isEqualTo(alarms.get(0).alarmId());
    assertThat(cleared.version()).isEqualTo(2);
    assertThat(cleared.state()).isEqualTo(AlarmState.CLEARED);
    assertThat(cleared.clearedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(cleared.openedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(cleared.value()).isEqualTo(33.9);
  }

  @Test
  void escalatesAnOpenWarningToCriticalWithTheNextVersion() throws Exception {
    read(10, 36.0);
    read(20, 46.0);
    read(30, 47.0);
    read(40, 38.0);

    List<Alarm> alarms = harness.extractOutputValues();
    assertThat(alarms).extracting(Alarm::version).containsExactly(1L, 2L);
    assertThat(alarms)
        .extracting(Alarm::severity)
        .containsExactly(Severity.WARNING, Severity.CRITICAL);
    assertThat(alarms).extracting(Alarm::state).containsOnly(AlarmState.OPEN);
  }

  @Test
  void reopeningAfterAClearGivesANewAlarmId() throws Exception {
    read(10, 36.0);
    read(20, 30.0);
    read(30, 36.0);

    List<Alarm> alarms = harness.extractOutputValues();
    assertThat(alarms)
        .extracting(Alarm::state)
        .containsExactly(AlarmState.OPEN, AlarmState.CLEARED, AlarmState.OPEN);
    assertThat(alarms.get(2).alarmId())
        .isNotEqualTo(alarms.get(0).alarmId())
        .isEqualTo(Alarm.idFor("pi-a", "t1", AlarmKind.HIGH, T0.plusSeconds(30)));
    assertThat(alarms.get(2).version()).isEqualTo(1);
  }

  @Test
  void ignoresReadingsWithoutATrustedValue() throws Exception {
    harness.processElement(faulty("pi-a", "t1", ++seq, 10, Quality.POWER_ON_RESET), 0);
    read(20, 36.0);
    harness.processElement(faulty("pi-a", "t1", ++seq, 30, Quality.DISCONNECTED), 0);

    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void keepsOneAlarmPerSensor() throws Exception {
    read(10, 36.0);
    harness.processElement(ok("pi-a", "t2", ++seq, 10, 36.0), 0);
    harness.processElement(ok("pi-b", "t1", ++seq, 10, 36.0), 0);

    assertThat(harness.extractOutputValues())
        .extracting(Alarm::alarmId)
        .containsExactly(
            Alarm.idFor("pi-a", "t1", AlarmKind.HIGH, T0.plusSeconds(10)),
            Alarm.idFor("pi-a", "t2", AlarmKind.HIGH, T0.plusSeconds(10)),
            Alarm.idFor("pi-b", "t1", AlarmKind.HIGH, T0.plusSeconds(10)));
  }

  private void read(long seconds, double tempC) throws Exception {
    Reading reading = ok("pi-a", "t1", ++seq, seconds, tempC);
    harness.processElement(reading, reading.ts().toEpochMilli());
  }
}
