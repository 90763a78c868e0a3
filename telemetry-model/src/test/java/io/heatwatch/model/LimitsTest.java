package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract's bounds: what Elasticsearch, Kafka and {@code long} millis can hold. */
class LimitsTest {
  private static final Instant TS = Instant.parse("2026-11-24T10:15:30.125Z");

  private static String reading(String ts, String tempC, String quality) {
    return "{\"v\":1,\"site\":\"home\",\"deviceId\":\"pi-kitchen\",\"sensorId\":\"t1\",\"seq\":1,"
        + "\"ts\":\""
        + ts
        + "\",\"tempC\":"
        + tempC
        + ",\"quality\":\""
        + quality
        + "\"}";
  }

  private static InvalidPayloadException decodeFails(String json) {
    return Rejection.of(() -> TelemetryCodec.decodeReadings(json.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @EnumSource(Quality.class)
  void aTemperatureBeyondWhatAFloatHoldsIsRefusedWhateverTheQuality(Quality quality) {
    InvalidPayloadException e =
        decodeFails(reading("2026-11-24T10:15:30Z", "1e39", quality.name()));

    assertThat(e.field()).isEqualTo("tempC");
    assertThat(e.getMessage()).contains("-273.15..2048.0");
  }

  @Test
  void anOutOfRangeReadingKeepsAnyValueTheSensorCanReport() {
    assertThat(
            TelemetryCodec.decodeReading(
                    reading("2026-11-24T10:15:30Z", "2047.9375", "OUT_OF_RANGE")
                        .getBytes(StandardCharsets.UTF_8))
                .tempC())
        .isEqualTo(2047.9375);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+300000000-01-01T00:00:00Z",
        "-300000000-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z",
        "-0001-01-01T00:00:00Z",
        "2100-01-01T00:00:00Z"
      })
  void timestampsOutside1970To2100AreRefused(String ts) {
    InvalidPayloadException e = decodeFails(reading(ts, "21.5", "OK"));

    assertThat(e.field()).isEqualTo("ts");
    assertThat(e.getMessage()).contains("1970-01-01T00:00:00Z").contains("2100-01-01T00:00:00Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1970-01-01T00:00:00Z", "2099-12-31T23:59:59.999Z"})
  void theBoundsOfTimeAreInclusiveBelowAndExclusiveAbove(String ts) {
    assertThat(
            TelemetryCodec.decodeReading(reading(ts, "1", "OK").getBytes(StandardCharsets.UTF_8))
                .ts())
        .isEqualTo(Instant.parse(ts));
  }

  @Test
  void aStatusWithAnUnstorableCpuTemperatureOrTimeIsRefused() {
    String status =
        "{\"v\":1,\"site\":\"home\",\"deviceId\":\"pi-kitchen\",\"state\":\"ONLINE\","
            + "\"ts\":\"%s\",\"cpuTempC\":%s}";
    assertThat(
            Rejection.of(
                    () ->
                        TelemetryCodec.decodeStatus(
                            String.format(status, "2026-11-24T10:15:30Z", "1e39")
                                .getBytes(StandardCharsets.UTF_8)))
                .field())
        .isEqualTo("cpuTempC");
    assertThat(
            Rejection.of(
                    () ->
                        TelemetryCodec.decodeStatus(
                            String.format(status, "+300000000-01-01T00:00:00Z", "40")
                                .getBytes(StandardCharsets.UTF_8)))
                .field())
        .isEqualTo("ts");
  }

  @Test
  void alarmValuesMustFitAFloat() {
    assertThat(
            Rejection.of(
                    () ->
                        Alarm.builder()
                            .v(1)
                            .alarmId("a1")
                            .version(1)
                            .site("home")
                            .deviceId("pi")
                            .sensorId("t1")
                            .kind(Alarm.AlarmKind.SPIKE)
                            .severity(Alarm.Severity.WARNING)
                            .state(Alarm.AlarmState.OPEN)
                            .openedAt(TS)
                            .updatedAt(TS)
                            .value(1e39)
                            .threshold(1.0)
                            .build())
                .field())
        .isEqualTo("value");
  }

  @Test
  void aConfigDurationThatWouldOverflowMillisIsRefused() {
    InvalidPayloadException e =
        Rejection.of(
            () ->
                SensorConfig.builder()
                    .sensorId("t1")
                    .site("home")
                    .deviceId("pi")
                    .minDurationS(9_300_000_000_000_000L)
                    .updatedAt(TS)
                    .updatedBy("op")
                    .build());
    assertThat(e.field()).isEqualTo("minDurationS");
  }

  @Test
  void aConfigThresholdBeyondTheTemperatureBoundIsRefused() {
    assertThat(
            Rejection.of(
                    () ->
                        SensorConfig.builder()
                            .sensorId("t1")
                            .site("home")
                            .deviceId("pi")
                            .highC(1e39)
                            .updatedAt(TS)
                            .updatedBy("op")
                            .build())
                .field())
        .isEqualTo("highC");
  }

  @Test
  void aBatchOfMoreThanTheLimitIsRefused() {
    List<String> items = new ArrayList<>();
    for (int i = 0; i <= Limits.MAX_BATCH_READINGS; i++) {
      items.add("{}");
    }
    InvalidPayloadException e = decodeFails("[" + String.join(",", items) + "]");

    assertThat(e.getMessage()).contains("at most " + Limits.MAX_BATCH_READINGS);
  }

  @Test
  void userPropertiesAreBoundedInCountAndBytes() {
    List<Map.Entry<String, String>> few = List.of(Map.entry("fw", "1.2.3"));
    assertThatCode(() -> Limits.checkUserProperties(few)).doesNotThrowAnyException();

    List<Map.Entry<String, String>> many = new ArrayList<>();
    for (int i = 0; i <= Limits.MAX_USER_PROPERTIES; i++) {
      many.add(Map.entry("k" + i, "v"));
    }
    assertThat(Rejection.of(() -> Limits.checkUserProperties(many)).getMessage())
        .contains("at most " + Limits.MAX_USER_PROPERTIES);

    List<Map.Entry<String, String>> big =
        List.of(Map.entry("big", "é".repeat(Limits.MAX_USER_PROPERTIES_BYTES / 2)));
    assertThat(Rejection.of(() -> Limits.checkUserProperties(big)).getMessage())
        .contains(Limits.MAX_USER_PROPERTIES_BYTES + " bytes");
  }

  @Test
  void aSensorIsNamedByItsDeviceAndId() {
    SensorRef ref = new SensorRef("pi-kitchen", "probe");

    assertThat(ref.key()).isEqualTo("pi-kitchen/probe");
    assertThat(SensorRef.parseKey("pi-kitchen/probe")).isEqualTo(ref);
    assertThat(SensorRef.of(Reading.ok("home", "pi-kitchen", "probe", 1, TS, 1))).isEqualTo(ref);
    assertThat(Rejection.of(() -> SensorRef.parseKey("probe")).field()).isEqualTo("sensorRef");
    assertThat(Rejection.of(() -> new SensorRef("Pi", "probe")).field()).isEqualTo("deviceId");
  }

  @Test
  void aReadingMayMarkThatItsClockWasNotSynchronised() {
    Reading unsynced = Reading.ok("home", "pi", "t1", 1, TS, 1).withClockUnsynced(true);
    String json = TelemetryCodec.encodeToString(unsynced);

    assertThat(json).contains("\"clockUnsynced\":true");
    assertThat(TelemetryCodec.decodeReading(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(unsynced);
    assertThat(TelemetryCodec.encodeToString(Reading.ok("home", "pi", "t1", 1, TS, 1)))
        .doesNotContain("clockUnsynced");
  }
}
