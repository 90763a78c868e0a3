package io.heatwatch.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import io.heatwatch.edge.gpio.GpioPins;
import io.heatwatch.edge.gpio.Pi4jActuators;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.Quality;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Versions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LED, buzzer and sensor power on Pi4J's mock platform, driven by downlink and local checks. */
class LocalAlarmsTest {
  private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
  private Context pi4j;
  private final List<Duration> powerOff = new ArrayList<>();
  private LocalAlarms alarms;
  private final MutableClock clock = new MutableClock(T);

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void mockPi() {
    pi4j =
        Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalOutputProvider.newInstance())
            .build();
    alarms =
        new LocalAlarms(new Pi4jActuators(pi4j, new GpioPins(17, 27, 22), powerOff::add), 3, clock);
  }

  @AfterEach
  void shutdown() {
    pi4j.shutdown();
  }

  private DigitalState pin(String id) {
    return ((DigitalOutput) pi4j.registry().get(id)).state();
  }

  private static byte[] alarm(String id, Alarm.AlarmState state) {
    return TelemetryCodec.encode(
        Alarm.builder()
            .v(Versions.V1)
            .alarmId(id)
            .version(state == Alarm.AlarmState.OPEN ? 1 : 2)
            .site("home")
            .deviceId("pi-1")
            .sensorId("s1")
            .kind(Alarm.AlarmKind.HIGH)
            .severity(Alarm.Severity.WARNING)
            .state(state)
            .openedAt(T)
            .updatedAt(T)
            .clearedAt(state == Alarm.AlarmState.CLEARED ? T : null)
            .value(40.0)
            .threshold(35.0)
            .message("hot")
            .build());
  }

  @Test
  void cloudAlarmSwitchesLedAndBuzzerUntilCleared() {
    assertThat(pin("alarm-led")).isEqualTo(DigitalState.LOW);
    alarms.downlink(Channel.ALARMS, alarm("a1", Alarm.AlarmState.OPEN));
    assertThat(pin("alarm-led")).isEqualTo(DigitalState.HIGH);
    assertThat(pin("buzzer")).isEqualTo(DigitalState.HIGH);
    alarms.downlink(Channel.ALARMS, alarm("a1", Alarm.AlarmState.CLEARED));
    assertThat(pin("alarm-led")).isEqualTo(DigitalState.LOW);
    assertThat(pin("buzzer")).isEqualTo(DigitalState.LOW);
  }

  @Test
  void localThresholdsWorkWithoutTheCloudWithHysteresis() {
    alarms.downlink(
        Channel.CONFIG,
        TelemetryCodec.encode(
            SensorConfig.builder()
                .sensorId("s1")
                .site("home")
                .deviceId("pi-1")
                .name("fridge")
                .highC(8.0)
                .lowC(0.0)
                .hysteresisC(1.0)
                .updatedAt(T)
                .updatedBy("op")
                .build()));
    alarms.samples(List.of(new Sample("s1", 7.5, Quality.OK)));
    assertThat(alarms.active()).isFalse();
    alarms.samples(List.of(new Sample("s1", 8.5, Quality.OK)));
    assertThat(pin("alarm-led")).isEqualTo(DigitalState.HIGH);
    alarms.samples(List.of(new Sample("s1", 7.5, Quality.OK)));
    assertThat(alarms.active()).as("7.5 is not below 8 - 1 hysteresis").isTrue();
    alarms.samples(List.of(new Sample("s1", 6.9, Quality.OK)));
    assertThat(pin("alarm-led")).isEqualTo(DigitalState.LOW);
    alarms.samples(List.of(new Sample("s1", -0.5, Quality.OK)));
    assertThat(alarms.active()).as("below low").isTrue();
  }

  private void config(SensorConfig.Builder b) {
    alarms.downlink(
        Channel.CONFIG,
        TelemetryCodec.encode(
            b.sensorId("s1").site("home").deviceId("pi-1").updatedAt(T).updatedBy("op").build()));
  }

  private void tick(double tempC, Duration after) {
    clock.advance(after);
    alarms.samples(List.of(new Sample("s1", tempC, Quality.OK)));
  }

  @Test
  void aProfileGivesTheLocalCheckItsThresholdsAndAlarmDelay() {
    config(SensorConfig.builder().profile(SensorProfile.SERVER_ROOM));
    tick(28.0, Duration.ZERO);
    tick(28.0, Duration.ofMinutes(4));
    assertThat(alarms.active()).as("shorter than the server room's 5 min delay").isFalse();
    tick(25.0, Duration.ofMinutes(1));
    tick(28.0, Duration.ofMinutes(1));
    tick(28.0, Duration.ofMinutes(4));
    assertThat(alarms.active()).as("the delay starts again after a return").isFalse();
    tick(28.0, Duration.ofMinutes(2));
    assertThat(pin("alarm-led"))
        .as("beyond the server room's HIGH 27 for its delay")
        .isEqualTo(DigitalState.HIGH);
    tick(26.5, Duration.ofMinutes(1));
    assertThat(alarms.active()).as("within the hysteresis of 1").isTrue();
    tick(25.9, Duration.ofMinutes(1));
    assertThat(alarms.active()).isFalse();
  }

  @Test
  void aFreezerDefrostUnderItsCeilingIsToleratedButNotPastItsLongestDefrost() {
    config(SensorConfig.builder().profile(SensorProfile.FREEZER));
    tick(-18.0, Duration.ZERO);
    tick(-8.0, Duration.ofMinutes(1));
    tick(-6.0, Duration.ofMinutes(30));
    assertThat(alarms.active()).as("a 30 min defrost under -3 °C").isFalse();
    tick(-18.0, Duration.ofMinutes(5));
    tick(-8.0, Duration.ofMinutes(60));
    tick(-8.0, Duration.ofMinutes(46));
    assertThat(alarms.active()).as("above HIGH for longer than the longest defrost").isTrue();
    tick(-18.0, Duration.ofMinutes(1));
    tick(0.0, Duration.ofMinutes(1));
    tick(0.0, Duration.ofMinutes(16));
    assertThat(alarms.active()).as("past the defrost ceiling: the plain delay of 15 min").isTrue();
  }

  @Test
  void explicitThresholdsOverrideTheProfile() {
    config(SensorConfig.builder().profile(SensorProfile.SERVER_ROOM).highC(30.0).minDurationS(0L));
    tick(29.0, Duration.ZERO);
    assertThat(alarms.active()).isFalse();
    tick(30.5, Duration.ofSeconds(10));
    assertThat(alarms.active()).isTrue();
  }

  @Test
  void malformedDownlinkIsIgnored() {
    alarms.downlink(Channel.ALARMS, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
    alarms.downlink(Channel.CONFIG, "not json".getBytes(StandardCharsets.UTF_8));
    assertThat(alarms.active()).isFalse();
  }

  @Test
  void hungBusIsPowerCycledAfterConsecutiveAllFailedTicks() {
    List<Sample> dead =
        List.of(
            new Sample("s1", null, Quality.DISCONNECTED),
            new Sample("s2", null, Quality.CRC_ERROR));
    alarms.samples(dead);
    alarms.samples(
        List.of(new Sample("s1", 20.0, Quality.OK), new Sample("s2", null, Quality.CRC_ERROR)));
    alarms.samples(dead);
    alarms.samples(dead);
    assertThat(powerOff).as("a working sensor resets the count").isEmpty();
    alarms.samples(dead);
    assertThat(powerOff).containsExactly(Duration.ofSeconds(2));
    assertThat(pin("sensor-power")).as("power is back on").isEqualTo(DigitalState.HIGH);
  }

  @Test
  void anEmptyBusIsPowerCycledOnceSensorsWereSeen() {
    alarms.samples(List.of());
    alarms.samples(List.of());
    alarms.samples(List.of());
    assertThat(powerOff).as("a device that never saw a sensor has no bus to revive").isEmpty();
    alarms.samples(List.of(new Sample("s1", 20.0, Quality.OK)));
    alarms.samples(List.of());
    alarms.samples(List.of());
    assertThat(powerOff).isEmpty();
    alarms.samples(List.of());
    assertThat(powerOff)
        .as("the kernel dropped every slave: the same three ticks as an all-failed bus")
        .containsExactly(Duration.ofSeconds(2));
    alarms.samples(List.of());
    alarms.samples(List.of());
    assertThat(powerOff).as("counted again from zero after a power cycle").hasSize(1);
    alarms.samples(List.of());
    assertThat(powerOff).hasSize(2);
  }
}
