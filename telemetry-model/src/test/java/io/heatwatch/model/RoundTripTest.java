package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.DeviceStatus.DeviceState;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** encode → decode gives back an equal record, for every record and every optional field. */
class RoundTripTest {
  private static final Instant TS = Instant.parse("2026-11-24T10:15:30.125Z");

  static Stream<Reading> readings() {
    return Stream.of(
        Reading.ok("home", "pi-kitchen", "28-0316a2796aff", 18234, TS, 21.4375),
        Reading.ok("home", "pi-kitchen", "28-0316a2796aff", 0, TS, -55.0).withBootId("b-1"),
        new Reading(
            1, "lab-2", "pi-0", "Freezer.Top_1", Long.MAX_VALUE, TS, null, Quality.STALE, null),
        new Reading(
            1,
            "home",
            "pi-kitchen",
            "28-0316a2796aff",
            5,
            Instant.parse("2026-11-24T10:15:30.123456789Z"),
            -0.0625,
            Quality.OK,
            "6f1c"));
  }

  @ParameterizedTest
  @MethodSource("readings")
  void reading(Reading reading) {
    assertThat(TelemetryCodec.decodeReading(TelemetryCodec.encode(reading))).isEqualTo(reading);
  }

  @ParameterizedTest
  @EnumSource(Quality.class)
  void readingOfEveryQuality(Quality quality) {
    Double temp =
        switch (quality) {
          case OK -> 4.5;
          case OUT_OF_RANGE -> 130.0;
          case POWER_ON_RESET -> 85.0;
          default -> null;
        };
    Reading reading = new Reading(1, "home", "pi", "s1", 9, TS, temp, quality, null);

    assertThat(TelemetryCodec.decodeReading(TelemetryCodec.encode(reading))).isEqualTo(reading);
  }

  @Test
  void batch() {
    List<Reading> batch = readings().toList();

    assertThat(TelemetryCodec.decodeReadings(TelemetryCodec.encode(batch))).isEqualTo(batch);
  }

  static Stream<DeviceStatus> statuses() {
    return Stream.of(
        DeviceStatus.builder()
            .site("home")
            .deviceId("pi-kitchen")
            .state(DeviceState.ONLINE)
            .ts(TS)
            .bootId("6f1c")
            .agentVersion("0.1.0")
            .outboxDepth(12L)
            .dropped(0L)
            .uptimeS(3600L)
            .cpuTempC(48.3)
            .build(),
        DeviceStatus.builder()
            .site("home")
            .deviceId("pi-kitchen")
            .state(DeviceState.OFFLINE)
            .ts(TS)
            .build(),
        DeviceStatus.builder()
            .site("home")
            .deviceId("pi-kitchen")
            .state(DeviceState.ONLINE)
            .ts(TS)
            .bootId("6f1c")
            .agentVersion("0.2.0")
            .outboxDepth(0L)
            .dropped(0L)
            .uptimeS(60L)
            .refused(0L)
            .sensorsConfigured(2L)
            .sensorsSeen(1L)
            .lastGoodReadTs(TS.minusSeconds(10))
            .build());
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void deviceStatus(DeviceStatus status) {
    assertThat(TelemetryCodec.decodeStatus(TelemetryCodec.encode(status))).isEqualTo(status);
  }

  static Stream<Alarm> alarms() {
    Instant cleared = TS.plusSeconds(900);
    String id = Alarm.idFor("pi-kitchen", "28-0316a2796aff", AlarmKind.HIGH, TS);
    return Stream.of(
        Alarm.builder()
            .v(1)
            .alarmId(id)
            .version(1)
            .site("home")
            .deviceId("pi-kitchen")
            .sensorId("28-0316a2796aff")
            .kind(AlarmKind.HIGH)
            .severity(Severity.WARNING)
            .state(AlarmState.OPEN)
            .openedAt(TS)
            .updatedAt(TS)
            .value(9.25)
            .threshold(8.0)
            .message("too warm")
            .build(),
        Alarm.builder()
            .v(1)
            .alarmId(id)
            .version(2)
            .site("home")
            .deviceId("pi-kitchen")
            .sensorId("28-0316a2796aff")
            .kind(AlarmKind.HIGH)
            .severity(Severity.CRITICAL)
            .state(AlarmState.ACKNOWLEDGED)
            .openedAt(TS)
            .updatedAt(TS.plusSeconds(60))
            .ackedBy("maria")
            .ackComment("on it")
            .value(11.0)
            .threshold(8.0)
            .build(),
        Alarm.builder()
            .v(1)
            .alarmId(id)
            .version(3)
            .site("home")
            .deviceId("pi-kitchen")
            .sensorId("28-0316a2796aff")
            .kind(AlarmKind.HIGH)
            .severity(Severity.CRITICAL)
            .state(AlarmState.CLEARED)
            .openedAt(TS)
            .updatedAt(cleared)
            .clearedAt(cleared)
            .ackedBy("maria")
            .ackComment("on it")
            .value(7.4)
            .threshold(8.0)
            .message("back to normal")
            .excursion(new Alarm.Excursion(840, 11.25, 9.8, 9.91))
            .build(),
        Alarm.builder()
            .v(1)
            .alarmId(Alarm.idFor("pi-garage", null, AlarmKind.DEVICE_OFFLINE, TS))
            .version(1)
            .site("home")
            .deviceId("pi-garage")
            .kind(AlarmKind.DEVICE_OFFLINE)
            .severity(Severity.CRITICAL)
            .state(AlarmState.OPEN)
            .openedAt(TS)
            .updatedAt(TS)
            .build());
  }

  @ParameterizedTest
  @MethodSource("alarms")
  void alarm(Alarm alarm) {
    assertThat(TelemetryCodec.decodeAlarm(TelemetryCodec.encode(alarm))).isEqualTo(alarm);
  }

  static Stream<SensorConfig> configs() {
    return Stream.of(
        SensorConfig.builder()
            .sensorId("28-0316a2796aff")
            .site("home")
            .deviceId("pi-kitchen")
            .name("fridge top shelf")
            .highC(8.0)
            .lowC(0.0)
            .hysteresisC(0.5)
            .maxRateCPerMin(2.0)
            .minDurationS(120L)
            .updatedAt(TS)
            .updatedBy("maria")
            .build(),
        SensorConfig.builder()
            .sensorId("28-0316a2796aff")
            .site("home")
            .deviceId("pi-kitchen")
            .name("freezer")
            .highC(-15.0)
            .lowC(-30.0)
            .hysteresisC(0.5)
            .maxRateCPerMin(2.0)
            .minDurationS(0L)
            .spikeZ(5.5)
            .updatedAt(TS)
            .updatedBy("maria")
            .build(),
        SensorConfig.builder()
            .sensorId("28-0316a2796aff")
            .site("home")
            .deviceId("pi-kitchen")
            .name("freezer")
            .updatedAt(TS)
            .updatedBy("maria")
            .silentAfterS(900L)
            .retiredAt(TS)
            .profile(SensorProfile.FREEZER)
            .build(),
        SensorConfig.builder()
            .sensorId("28-0316a2796aff")
            .site("home")
            .deviceId("pi-kitchen")
            .updatedAt(TS)
            .build());
  }

  @ParameterizedTest
  @MethodSource("configs")
  void sensorConfig(SensorConfig config) {
    assertThat(TelemetryCodec.decodeSensorConfig(TelemetryCodec.encode(config))).isEqualTo(config);
  }

  /** Optional fields added to v1 later: absent from a payload unless set. */
  private static final java.util.Set<String> OMITTED_WHEN_NULL =
      java.util.Set.of(
          "clockUnsynced",
          "refused",
          "sensorsConfigured",
          "sensorsSeen",
          "lastGoodReadTs",
          "silentAfterS",
          "retiredAt",
          "excursion",
          "profile");

  @ParameterizedTest
  @MethodSource("alarms")
  void fieldsAreTheEncodedJsonAsAMap(Alarm alarm) throws Exception {
    var fields = TelemetryCodec.fields(alarm);
    assertThat(TelemetryCodec.encodeToString(fields))
        .isEqualTo(TelemetryCodec.encodeToString(alarm));
    assertThat(fields.get("openedAt")).isEqualTo(alarm.openedAt().toString());
    assertThat(fields.get("version")).isEqualTo(alarm.version());
  }

  @Test
  void encodedFieldsAreExactlyTheRecordComponents() {
    List<Object> records =
        List.of(
            readings().findFirst().orElseThrow(),
            statuses().findFirst().orElseThrow(),
            alarms().findFirst().orElseThrow(),
            configs().findFirst().orElseThrow());

    for (Object record : records) {
      JsonNode json = Golden.tree(TelemetryCodec.encode(record));
      String[] components =
          Arrays.stream(record.getClass().getRecordComponents())
              .map(RecordComponent::getName)
              .filter(name -> !OMITTED_WHEN_NULL.contains(name))
              .toArray(String[]::new);
      assertThat(json.fieldNames())
          .toIterable()
          .as(record.getClass().getSimpleName())
          .containsExactly(components);
    }
  }
}
