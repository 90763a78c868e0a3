package io.heatwatch.job.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.device.DeviceView;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Versions;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SiteUnreachableDetectorTest {
  private static final Instant T0 = Instant.parse("2026-12-05T03:00:00Z");

  private static KeyedTwoInputStreamOperatorTestHarness<String, DeviceView, AlarmCommand, Alarm>
      harness() throws Exception {
    KeyedTwoInputStreamOperatorTestHarness<String, DeviceView, AlarmCommand, Alarm> h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new SiteUnreachableDetector(SiteOutageRule.DEFAULTS)),
            DeviceView::site,
            SiteUnreachableDetectorTest::siteOf,
            Types.STRING);
    // as the job runs: no state type may fall back to Kryo
    h.getExecutionConfig().disableGenericTypes();
    h.open();
    return h;
  }

  /** The site a command on a site alarm is for: its id's sensor, as the job keys it. */
  private static String siteOf(AlarmCommand command) {
    return io.heatwatch.job.model.AlarmIds.parse(command.alarmId()).sensorId();
  }

  private static AlarmCommand command(
      String alarmId, AlarmCommand.Action action, String comment, int second) {
    return new AlarmCommand(Versions.V1, alarmId, action, "maria", comment, T0.plusSeconds(second));
  }

  @Test
  void anOperatorAcknowledgesTheSitesAlarmOnceAndItStillClearsWhenTheSiteIsBack() throws Exception {
    try (var h = harness()) {
      tenThenOffline(h, "b", 10);
      Alarm opened = h.extractOutputValues().get(0);
      h.processElement2(
          command(opened.alarmId(), AlarmCommand.Action.ACKNOWLEDGE, "on my way", 40), 0);
      h.processElement2(command(opened.alarmId(), AlarmCommand.Action.ACKNOWLEDGE, "again", 41), 0);
      h.processElement2(
          command(
              "heatwatch-pipeline:b:SITE_UNREACHABLE:1", AlarmCommand.Action.ACKNOWLEDGE, null, 42),
          0);
      for (int d = 0; d < 6; d++) {
        h.processElement1(view("b", "dev-" + d, true, 60 + d), 0);
      }
      List<Alarm> out = h.extractOutputValues();
      assertThat(out)
          .extracting(Alarm::state)
          .containsExactly(AlarmState.OPEN, AlarmState.ACKNOWLEDGED, AlarmState.CLEARED);
      Alarm acked = out.get(1);
      assertThat(acked.alarmId()).isEqualTo(opened.alarmId());
      assertThat(acked.version()).isEqualTo(2);
      assertThat(acked.ackedBy()).isEqualTo("maria");
      assertThat(acked.ackComment()).isEqualTo("on my way");
      assertThat(out.get(2).version()).isEqualTo(3);
      assertThat(out.get(2).ackedBy()).isEqualTo("maria");
    }
  }

  @Test
  void anOperatorResolvesTheSitesAlarmWithAReason() throws Exception {
    try (var h = harness()) {
      tenThenOffline(h, "b", 10);
      Alarm opened = h.extractOutputValues().get(0);
      h.processElement2(
          command(opened.alarmId(), AlarmCommand.Action.RESOLVE, "site closed for the winter", 40),
          0);
      List<Alarm> out = h.extractOutputValues();
      assertThat(out).hasSize(2);
      assertThat(out.get(1).state()).isEqualTo(AlarmState.CLEARED);
      assertThat(out.get(1).message()).isEqualTo("resolved by maria: site closed for the winter");
    }
  }

  private static DeviceView view(String site, String device, boolean online, int second) {
    return new DeviceView(site, device, online, T0, null, T0.plusSeconds(second));
  }

  /** Ten devices of a site report, then {@code off} of them go offline, one a second. */
  private static void tenThenOffline(
      KeyedTwoInputStreamOperatorTestHarness<String, DeviceView, AlarmCommand, Alarm> h,
      String site,
      int off)
      throws Exception {
    for (int d = 0; d < 10; d++) {
      h.processElement1(view(site, "dev-" + d, true, 0), 0);
    }
    for (int d = 0; d < off; d++) {
      h.processElement1(view(site, "dev-" + d, false, 10 + d), 0);
    }
  }

  @Test
  void mostDevicesOfASiteOfflineRaiseOneCriticalAlarmNamingTheSite() throws Exception {
    try (var h = harness()) {
      tenThenOffline(h, "cold-store-b", 7);
      assertThat(h.extractOutputValues()).as("7 of 10 is below 80 %").isEmpty();
      h.processElement1(view("cold-store-b", "dev-7", false, 30), 0);
      h.processElement1(view("cold-store-b", "dev-8", false, 31), 0);
      h.processElement1(view("cold-store-b", "dev-9", false, 32), 0);

      List<Alarm> out = h.extractOutputValues();
      assertThat(out)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.kind()).isEqualTo(AlarmKind.SITE_UNREACHABLE);
                assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(a.site()).isEqualTo("cold-store-b");
                assertThat(a.deviceId()).isEqualTo(Pipeline.DEVICE_ID);
                assertThat(a.sensorId()).isEqualTo("cold-store-b");
                assertThat(a.openedAt()).isEqualTo(T0.plusSeconds(30));
                assertThat(a.message())
                    .isEqualTo("site cold-store-b unreachable: 8 of 10 devices offline");
              });
    }
  }

  @Test
  void itClearsWhenFewerThanHalfAreOfflineAndOpensAgainAsANewAlarm() throws Exception {
    try (var h = harness()) {
      tenThenOffline(h, "b", 10);
      for (int d = 0; d < 5; d++) {
        h.processElement1(view("b", "dev-" + d, true, 60 + d), 0);
      }
      assertThat(h.extractOutputValues()).as("5 of 10 offline: still unreachable").hasSize(1);
      h.processElement1(view("b", "dev-5", true, 70), 0);
      List<Alarm> out = h.extractOutputValues();
      assertThat(out).extracting(Alarm::state).containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
      assertThat(out.get(1).alarmId()).isEqualTo(out.get(0).alarmId());
      assertThat(out.get(1).version()).isEqualTo(out.get(0).version() + 1);
      assertThat(out.get(1).clearedAt()).isEqualTo(T0.plusSeconds(70));

      for (int d = 0; d < 10; d++) {
        h.processElement1(view("b", "dev-" + d, false, 100 + d), 0);
      }
      out = h.extractOutputValues();
      assertThat(out).hasSize(3);
      assertThat(out.get(2).alarmId()).isNotEqualTo(out.get(0).alarmId());
    }
  }

  @Test
  void aSmallSiteOtherSitesAndHeatwatchsOwnDevicesNeverCount() throws Exception {
    try (var h = harness()) {
      h.processElement1(view("home", "pi-1", true, 0), 0);
      h.processElement1(view("home", "pi-2", true, 0), 0);
      h.processElement1(view("home", "pi-1", false, 5), 0);
      h.processElement1(view("home", "pi-2", false, 6), 0);
      assertThat(h.extractOutputValues()).as("2 devices: their own alarms say it").isEmpty();

      tenThenOffline(h, "b", 5);
      for (int d = 0; d < 10; d++) {
        h.processElement1(view("c", "dev-" + d, false, 20), 0);
      }
      // c's alarm, not b's: each site counts its own devices
      assertThat(h.extractOutputValues()).singleElement().extracting(Alarm::site).isEqualTo("c");

      h.processElement1(view("d", Pipeline.CANARY_DEVICE_ID, false, 0), 0);
      h.processElement1(view("d", "pi-1", false, 0), 0);
      h.processElement1(view("d", "pi-2", false, 0), 0);
      assertThat(h.extractOutputValues()).hasSize(1);
    }
  }

  @Test
  void restoredFromACheckpointItRaisesNothingAgainAndStillClears() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      tenThenOffline(h, "b", 9);
      assertThat(h.extractOutputValues()).hasSize(1);
      snapshot = h.snapshot(1, 0);
    }
    try (var restored =
        new KeyedTwoInputStreamOperatorTestHarness<String, DeviceView, AlarmCommand, Alarm>(
            new KeyedCoProcessOperator<>(new SiteUnreachableDetector(SiteOutageRule.DEFAULTS)),
            DeviceView::site,
            SiteUnreachableDetectorTest::siteOf,
            Types.STRING)) {
      restored.getExecutionConfig().disableGenericTypes();
      restored.initializeState(snapshot);
      restored.open();
      restored.processElement1(view("b", "dev-0", false, 50), 0); // a repeated view
      assertThat(restored.extractOutputValues()).isEmpty();
      for (int d = 0; d < 9; d++) {
        restored.processElement1(view("b", "dev-" + d, true, 60 + d), 0);
      }
      assertThat(restored.extractOutputValues())
          .singleElement()
          .extracting(Alarm::state)
          .isEqualTo(AlarmState.CLEARED);
    }
  }
}
