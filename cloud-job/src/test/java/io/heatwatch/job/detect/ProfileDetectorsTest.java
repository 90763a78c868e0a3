package io.heatwatch.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Only the detectors the sensor's profile runs judge its readings. */
class ProfileDetectorsTest {

  @Test
  void aFreezerRunsNoSpikeDetectorButCustomDoes() {
    ProfileSeries freezer = new ProfileSeries(SensorProfile.FREEZER, 10);
    freezer.steady(10, -18).read(-26).steady(5, -18);
    assertThat(freezer.alarms).isEmpty();

    ProfileSeries custom = new ProfileSeries(SensorProfile.CUSTOM, 10);
    custom.steady(10, 4).read(14).steady(5, 4);
    assertThat(custom.opened(AlarmKind.SPIKE)).hasSize(1);
  }

  @Test
  void anOpenAlarmOfAKindNoLongerCheckedClearsAtTheNextReadingSayingSo() {
    ProfileSeries s = new ProfileSeries(Thresholds.DEFAULTS, 10);
    s.steady(10, 4).read(14);
    assertThat(s.opened(AlarmKind.SPIKE)).hasSize(1);
    EnumSet<AlarmKind> noSpike = EnumSet.copyOf(Thresholds.DEFAULTS.detectors());
    noSpike.remove(AlarmKind.SPIKE);
    s.thresholds = Thresholds.DEFAULTS.withDetectors(noSpike);
    s.read(14);
    Alarm cleared = s.of(AlarmKind.SPIKE).get(1);
    assertThat(cleared.state()).isEqualTo(AlarmState.CLEARED);
    assertThat(cleared.message()).contains("no longer checked").contains("SPIKE");
    s.read(25).read(4);
    assertThat(s.of(AlarmKind.SPIKE)).hasSize(2);
  }
}
