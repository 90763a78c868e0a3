package io.heatwatch.job.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-kind state arrays are in every savepoint: each kind keeps its slot number for good, and
 * today's numbers are the enum positions the state was written with (savepoints/3942b78).
 */
class AlarmSlotsTest {

  /** The slots of the kinds as state written by release 3942b78 and before holds them. */
  private static final Map<AlarmKind, Integer> WRITTEN = new LinkedHashMap<>();

  static {
    WRITTEN.put(AlarmKind.HIGH, 0);
    WRITTEN.put(AlarmKind.LOW, 1);
    WRITTEN.put(AlarmKind.RATE_OF_CHANGE, 2);
    WRITTEN.put(AlarmKind.SPIKE, 3);
    WRITTEN.put(AlarmKind.FLATLINE, 4);
    WRITTEN.put(AlarmKind.SENSOR_FAULT, 5);
    WRITTEN.put(AlarmKind.DEVICE_OFFLINE, 6);
    WRITTEN.put(AlarmKind.SENSOR_SILENT, 7);
    WRITTEN.put(AlarmKind.PIPELINE_STALLED, 8);
    // added after 3942b78: the next unused slots
    WRITTEN.put(AlarmKind.TREND, 9);
    WRITTEN.put(AlarmKind.EXPOSURE, 10);
  }

  @Test
  void everyKindKeepsTheSlotStateWasWrittenWith() {
    for (AlarmKind kind : AlarmSlots.TRACKED) {
      assertThat(WRITTEN).as("a new kind takes the next unused slot").containsKey(kind);
      assertThat(AlarmSlots.of(kind)).as(kind.name()).isEqualTo(WRITTEN.get(kind));
    }
    assertThat(AlarmSlots.COUNT)
        .isGreaterThan(WRITTEN.values().stream().mapToInt(i -> i).max().orElseThrow());
  }

  @Test
  void noTwoKindsShareASlot() {
    assertThat(Arrays.stream(AlarmSlots.TRACKED).map(AlarmSlots::of)).doesNotHaveDuplicates();
  }

  @Test
  void siteAndNotifierKindsHaveNoSlot() {
    assertThat(AlarmSlots.TRACKED)
        .doesNotContain(AlarmKind.SITE_UNREACHABLE, AlarmKind.NOTIFICATION_FAILED)
        .hasSize(AlarmKind.values().length - 2);
    assertThatThrownBy(() -> AlarmSlots.of(AlarmKind.SITE_UNREACHABLE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anArrayLongerThanTodaysIsKeptAndItsSlotsRead() {
    SensorState state = new SensorState();
    Alarm high = high();
    state.open = new Alarm[AlarmSlots.COUNT + 2];
    state.open[0] = high;
    state.pendingSince = new long[AlarmSlots.COUNT + 2];
    Arrays.fill(state.pendingSince, SensorState.NONE);

    state.fitKinds();

    assertThat(state.open).hasSize(AlarmSlots.COUNT + 2);
    assertThat(state.tracks().open(AlarmKind.HIGH)).isSameAs(high);
    assertThat(state.anyAlarm()).isTrue();
  }

  @Test
  void aSensorRestoredWithASlotForEveryKindKeepsItsArraysAndItsAlarm() {
    SensorState restored = new SensorState();
    restored.open = new Alarm[AlarmSlots.COUNT];
    restored.pendingSince = new long[AlarmSlots.COUNT];
    Arrays.fill(restored.pendingSince, SensorState.NONE);
    Alarm high = high();
    restored.open[0] = high;

    restored.fitKinds();

    assertThat(restored.open).hasSize(AlarmSlots.COUNT);
    assertThat(restored.tracks().open(AlarmKind.HIGH)).isSameAs(high);
    assertThat(AlarmLifecycle.clearAll(restored.tracks(), Instant.EPOCH.plusSeconds(1), "retired"))
        .extracting(Alarm::alarmId)
        .containsExactly(high.alarmId());
    assertThat(restored.anyAlarm()).isFalse();
  }

  private static Alarm high() {
    return Alarm.builder()
        .alarmId("pi:t1:HIGH:0")
        .site("home")
        .deviceId("pi")
        .sensorId("t1")
        .kind(AlarmKind.HIGH)
        .severity(Severity.WARNING)
        .state(AlarmState.OPEN)
        .openedAt(Instant.EPOCH)
        .updatedAt(Instant.EPOCH)
        .build();
  }
}
