package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.DeviceStatus.DeviceState;
import io.heatwatch.model.Golden.Invalid;
import io.heatwatch.model.Golden.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenFilesTest {

  static List<String> validFiles() {
    return Golden.validFiles();
  }

  static List<Invalid> invalidFiles() {
    return Golden.invalidIndex();
  }

  @Test
  void everyNamedExampleIsThere() {
    assertThat(Golden.validFiles())
        .contains(
            "reading-ok.json",
            "reading-crc-error.json",
            "reading-batch.json",
            "device-status-online.json",
            "device-status-offline-lwt.json",
            "alarm-open.json",
            "alarm-cleared.json",
            "sensor-config.json",
            "legacy-temperature-msg.json",
            "notification-opened.json",
            "notification-escalated.json",
            "notification-reminder.json",
            "channel-test-email.json",
            "notifier-settings-edit.json");
  }

  @Test
  void theIndexNamesEveryMalformedFileAndNoOther() {
    assertThat(Golden.invalidIndex())
        .extracting(Invalid::file)
        .containsExactlyInAnyOrderElementsOf(Golden.invalidFiles());
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void validFileDecodesAndReEncodesToEquivalentJson(String file) {
    Kind kind = Kind.ofFile(file);
    byte[] payload = Golden.valid(file);

    Object decoded = kind.decode(payload);

    if (kind == Kind.LEGACY) {
      Reading reading = (Reading) decoded;
      assertThat(TelemetryCodec.decodeReading(TelemetryCodec.encode(reading))).isEqualTo(reading);
      return;
    }
    JsonNode original = Golden.tree(payload);
    Object toEncode =
        kind == Kind.READING && !original.isArray() ? ((List<?>) decoded).get(0) : decoded;
    JsonNode reEncoded = Golden.tree(TelemetryCodec.encode(toEncode));
    JsonNode expected = Golden.withoutNulls(original);
    JsonNode actual = Golden.withoutNulls(reEncoded);
    assertThat(expected.equals(Golden.NUMBERS_BY_VALUE, actual))
        .as("%s re-encoded%n expected: %s%n   actual: %s", file, expected, actual)
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void malformedFileIsRejectedNamingFieldAndValue(Invalid invalid) {
    byte[] payload = Golden.invalid(invalid.file());

    InvalidPayloadException e = Rejection.of(() -> invalid.kind().decode(payload));

    assertThat(e.field()).isEqualTo(invalid.field());
    assertThat(e.getMessage())
        .startsWith(invalid.field() + ": ")
        .contains(invalid.reason())
        .contains("(got " + invalid.value());
  }

  @Test
  void okReadingHasTheDesignDocumentsValues() {
    Reading r = TelemetryCodec.decodeReading(Golden.valid("reading-ok.json"));

    assertThat(r)
        .isEqualTo(
            Reading.ok(
                    "home",
                    "pi-kitchen",
                    "28-0316a2796aff",
                    18234,
                    Instant.parse("2026-11-24T10:15:30.125Z"),
                    21.4375)
                .withBootId("6f1c2d3e-8a4b-4c5d-9e6f-7a8b9c0d1e2f"));
    assertThat(r.id()).isEqualTo("pi-kitchen:18234");
  }

  @Test
  void crcErrorReadingCarriesNoTemperature() {
    Reading r = TelemetryCodec.decodeReading(Golden.valid("reading-crc-error.json"));

    assertThat(r.quality()).isEqualTo(Quality.CRC_ERROR);
    assertThat(r.tempC()).isNull();
    assertThat(r.quality().usable()).isFalse();
  }

  @Test
  void batchKeepsOrderAndQualities() {
    List<Reading> batch = TelemetryCodec.decodeReadings(Golden.valid("reading-batch.json"));

    assertThat(batch).extracting(Reading::seq).containsExactly(18236L, 18237L, 18238L);
    assertThat(batch)
        .extracting(Reading::quality)
        .containsExactly(Quality.OK, Quality.POWER_ON_RESET, Quality.DISCONNECTED);
    assertThat(batch.get(1).tempC()).isEqualTo(85.0);
  }

  @Test
  void lastWillIsOfflineAndMinimal() {
    DeviceStatus s = TelemetryCodec.decodeStatus(Golden.valid("device-status-offline-lwt.json"));

    assertThat(s.state()).isEqualTo(DeviceState.OFFLINE);
    assertThat(s.outboxDepth()).isNull();
    assertThat(s.uptimeS()).isNull();
  }

  @Test
  void alarmIdsAreTheOnesIdForMakes() {
    for (String file :
        List.of("alarm-open.json", "alarm-cleared.json", "alarm-device-offline.json")) {
      Alarm a = TelemetryCodec.decodeAlarm(Golden.valid(file));
      assertThat(a.alarmId())
          .as(file)
          .isEqualTo(Alarm.idFor(a.deviceId(), a.sensorId(), a.kind(), a.openedAt()));
    }
  }

  @Test
  void openAndClearedAreTwoVersionsOfOneAlarm() {
    Alarm open = TelemetryCodec.decodeAlarm(Golden.valid("alarm-open.json"));
    Alarm cleared = TelemetryCodec.decodeAlarm(Golden.valid("alarm-cleared.json"));

    assertThat(cleared.alarmId()).isEqualTo(open.alarmId());
    assertThat(cleared.version()).isGreaterThan(open.version());
    assertThat(open.state()).isEqualTo(AlarmState.OPEN);
    assertThat(open.clearedAt()).isNull();
    assertThat(cleared.state()).isEqualTo(AlarmState.CLEARED);
    assertThat(cleared.clearedAt()).isEqualTo(Instant.parse("2026-11-24T10:31:05Z"));
    assertThat(cleared.ackedBy()).isEqualTo("maria");
  }

  @Test
  void deviceLevelAlarmHasNoSensor() {
    Alarm a = TelemetryCodec.decodeAlarm(Golden.valid("alarm-device-offline.json"));

    assertThat(a.kind()).isEqualTo(AlarmKind.DEVICE_OFFLINE);
    assertThat(a.sensorId()).isNull();
    assertThat(a.alarmId()).isEqualTo("pi-garage:-:DEVICE_OFFLINE:1795489330000");
  }

  @Test
  void sensorConfigCarriesItsThresholds() {
    SensorConfig c = TelemetryCodec.decodeSensorConfig(Golden.valid("sensor-config.json"));

    assertThat(c.highC()).isEqualTo(8.0);
    assertThat(c.lowC()).isEqualTo(0.0);
    assertThat(c.hysteresisC()).isEqualTo(0.5);
    assertThat(c.maxRateCPerMin()).isEqualTo(2.0);
    assertThat(c.minDurationS()).isEqualTo(120L);
    assertThat(c.spikeZ()).isEqualTo(6.0);
  }

  @Test
  void legacyRecordBecomesALegacyReadingInUtc() {
    Reading r = (Reading) Kind.LEGACY.decode(Golden.valid("legacy-temperature-msg.json"));

    assertThat(r.site()).isEqualTo("legacy");
    assertThat(r.deviceId()).isEqualTo("legacy");
    assertThat(r.sensorId()).isEqualTo("legacy");
    assertThat(r.seq()).isEqualTo(1597213797L);
    assertThat(r.ts()).isEqualTo(Instant.parse("2020-08-12T06:29:02Z"));
    assertThat(r.tempC()).isEqualTo(29.159);
    assertThat(r.quality()).isEqualTo(Quality.OK);
  }
}
