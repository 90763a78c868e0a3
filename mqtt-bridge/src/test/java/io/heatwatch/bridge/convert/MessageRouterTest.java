package io.heatwatch.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.Limits;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRouterTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.125Z");
  private final MessageRouter router =
      new MessageRouter(
          Map.of("readings", "readings", "status", "status", "events", "events"), 3, "dlq", 1024);

  private static InboundMessage message(String topic, byte[] payload) {
    return new InboundMessage(topic, payload, 1, false, 7, List.of(), NOW);
  }

  private static byte[] reading(String site, String device) {
    return TelemetryCodec.encode(Reading.ok(site, device, "28-0316a2796aff", 1, NOW, 21.5));
  }

  @Test
  void readingGoesToReadingsKeyedByDevice() {
    Routed route =
        router.route(message("heatwatch/v1/home/pi-1/readings", reading("home", "pi-1")));
    assertThat(route).isEqualTo(new Routed("readings", "pi-1", null));
  }

  @Test
  void batchOfReadingsIsAccepted() {
    byte[] batch =
        TelemetryCodec.encode(
            List.of(
                Reading.ok("home", "pi-1", "s1", 1, NOW, 20.0),
                Reading.ok("home", "pi-1", "s1", 2, NOW, 20.5)));
    assertThat(router.route(message("heatwatch/v1/home/pi-1/readings", batch)).rejected())
        .isFalse();
  }

  @Test
  void statusGoesToStatusTopic() {
    byte[] status =
        TelemetryCodec.encode(
            DeviceStatus.builder()
                .site("home")
                .deviceId("pi-1")
                .state(DeviceStatus.DeviceState.ONLINE)
                .ts(NOW)
                .agentVersion("1.0")
                .outboxDepth(0L)
                .dropped(0L)
                .uptimeS(5L)
                .build());
    assertThat(router.route(message("heatwatch/v1/home/pi-1/status", status)))
        .isEqualTo(new Routed("status", "pi-1", null));
  }

  @Test
  void malformedJsonIsDeadLetteredWithReason() {
    Routed route =
        router.route(
            message(
                "heatwatch/v1/home/pi-1/readings", "{not json".getBytes(StandardCharsets.UTF_8)));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.key()).isEqualTo("pi-1");
    assertThat(route.rejectReason()).contains("not valid JSON");
  }

  @Test
  void invalidFieldIsDeadLetteredNamingTheField() {
    String bad =
        "{\"v\":1,\"site\":\"home\",\"deviceId\":\"pi-1\",\"sensorId\":\"s1\",\"seq\":-4,"
            + "\"ts\":\"2026-11-24T10:15:30Z\",\"tempC\":21.0,\"quality\":\"OK\"}";
    Routed route =
        router.route(
            message("heatwatch/v1/home/pi-1/readings", bad.getBytes(StandardCharsets.UTF_8)));
    assertThat(route.rejectReason()).contains("seq").contains("-4");
  }

  @Test
  void oversizedPayloadIsDeadLettered() {
    Routed route = router.route(message("heatwatch/v1/home/pi-1/readings", new byte[2048]));
    assertThat(route.rejectReason()).contains("2048 bytes exceeds 1024");
  }

  @Test
  void topicOutsideTheTreeIsDeadLetteredWithoutKey() {
    Routed route = router.route(message("other/thing", reading("home", "pi-1")));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.key()).isNull();
  }

  @Test
  void readingOfAnotherDeviceIsRejected() {
    Routed route =
        router.route(message("heatwatch/v1/home/pi-1/readings", reading("home", "pi-2")));
    assertThat(route.rejectReason()).contains("pi-2").contains("pi-1");
  }

  @Test
  void nonContractSuffixPassesThroughUnvalidated() {
    Routed route =
        router.route(
            message("plant/7/line/press-2/events", "free text".getBytes(StandardCharsets.UTF_8)));
    assertThat(route).isEqualTo(new Routed("events", "press-2", null));
  }

  @Test
  void suffixWithoutRouteIsDeadLettered() {
    Routed route = router.route(message("heatwatch/v1/home/pi-1/debug", reading("home", "pi-1")));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.rejectReason()).contains("no route").contains("debug");
  }

  @Test
  void contractSuffixOutsideTheTreeIsValidatedAndRejected() {
    Routed route = router.route(message("elsewhere/v9/a/b/readings", reading("home", "pi-1")));
    assertThat(route.rejectReason()).contains("heatwatch/v1/{site}/{device}/{channel}");
  }

  @Test
  void keyComesFromTheConfiguredSegment() {
    MessageRouter bySite = new MessageRouter(Map.of("readings", "r"), 2, "dlq", 1024);
    Routed route =
        bySite.route(message("heatwatch/v1/home/pi-1/readings", reading("home", "pi-1")));
    assertThat(route).isEqualTo(new Routed("r", "home", null));
  }

  @Test
  void downlinkChannelIsRejected() {
    Routed route = router.route(message("heatwatch/v1/home/pi-1/alarms", reading("home", "pi-1")));
    assertThat(route.rejectReason()).contains("downlink");
  }

  private static String readingJson(String ts, String tempC, String quality) {
    return "{\"v\":1,\"site\":\"home\",\"deviceId\":\"pi-1\",\"sensorId\":\"s1\",\"seq\":4,"
        + "\"ts\":\""
        + ts
        + "\",\"tempC\":"
        + tempC
        + ",\"quality\":\""
        + quality
        + "\"}";
  }

  @Test
  void aTemperatureNoFloatCanHoldIsDeadLetteredWhateverItsQuality() {
    Routed route =
        router.route(
            message(
                "heatwatch/v1/home/pi-1/readings",
                readingJson("2026-11-24T10:15:30Z", "1e39", "OUT_OF_RANGE")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.rejectReason()).contains("tempC");
  }

  @Test
  void aTimestampBeyondTheContractsRangeIsDeadLettered() {
    Routed route =
        router.route(
            message(
                "heatwatch/v1/home/pi-1/readings",
                readingJson("+300000000-01-01T00:00:00Z", "21.0", "OK")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.rejectReason()).contains("ts");
  }

  private static InboundMessage withProperties(List<Map.Entry<String, String>> properties) {
    return new InboundMessage(
        "heatwatch/v1/home/pi-1/readings", reading("home", "pi-1"), 1, false, 7, properties, NOW);
  }

  @Test
  void moreUserPropertiesThanTheContractAllowsAreDeadLettered() {
    List<Map.Entry<String, String>> properties = new ArrayList<>();
    for (int i = 0; i <= Limits.MAX_USER_PROPERTIES; i++) {
      properties.add(Map.entry("p", "v"));
    }
    Routed route = router.route(withProperties(properties));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.rejectReason()).contains("user properties");
    assertThat(router.route(withProperties(properties.subList(0, Limits.MAX_USER_PROPERTIES))))
        .isEqualTo(new Routed("readings", "pi-1", null));
  }

  @Test
  void userPropertiesOfMoreBytesThanTheContractAllowsAreDeadLettered() {
    Routed route =
        router.route(
            withProperties(List.of(Map.entry("fw", "x".repeat(Limits.MAX_USER_PROPERTIES_BYTES)))));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.rejectReason()).contains(String.valueOf(Limits.MAX_USER_PROPERTIES_BYTES));
  }

  private static InboundMessage sensorReading(String device, String sensor, Instant at) {
    return new InboundMessage(
        "heatwatch/v1/home/" + device + "/readings",
        TelemetryCodec.encode(Reading.ok("home", device, sensor, 1, NOW, 21.5)),
        1,
        false,
        7,
        List.of(),
        at);
  }

  @Test
  void aDeviceWithMoreSensorIdsThanTheBoundIsDeadLetteredUntilOldIdsExpire() {
    MessageRouter bounded =
        new MessageRouter(
            Map.of("readings", "readings"),
            3,
            "dlq",
            1024,
            new DeviceSensors(2, 100, Duration.ofDays(7)));
    assertThat(bounded.route(sensorReading("pi-1", "a", NOW)).rejected()).isFalse();
    assertThat(bounded.route(sensorReading("pi-1", "b", NOW)).rejected()).isFalse();
    Routed third = bounded.route(sensorReading("pi-1", "c", NOW.plusSeconds(60)));
    assertThat(third.topic()).isEqualTo("dlq");
    assertThat(third.rejectReason()).contains("pi-1").contains("c").contains("2");
    // Known ids still pass, another device has its own bound, and ids expire after 7 days.
    assertThat(bounded.route(sensorReading("pi-1", "a", NOW.plusSeconds(120))).rejected())
        .isFalse();
    assertThat(bounded.route(sensorReading("pi-2", "c", NOW)).rejected()).isFalse();
    Instant later = NOW.plus(Duration.ofDays(7)).plusSeconds(61);
    assertThat(bounded.route(sensorReading("pi-1", "c", later)).rejected()).isFalse();
  }

  @Test
  void aBatchThatWouldCrossTheBoundIsDeadLetteredWhole() {
    MessageRouter bounded =
        new MessageRouter(
            Map.of("readings", "readings"),
            3,
            "dlq",
            4096,
            new DeviceSensors(2, 100, Duration.ofDays(7)));
    byte[] batch =
        TelemetryCodec.encode(
            List.of(
                Reading.ok("home", "pi-1", "a", 1, NOW, 20.0),
                Reading.ok("home", "pi-1", "b", 2, NOW, 20.5),
                Reading.ok("home", "pi-1", "c", 3, NOW, 20.5)));
    assertThat(bounded.route(message("heatwatch/v1/home/pi-1/readings", batch)).rejected())
        .isTrue();
    // The refused batch taught nothing: two new ids still fit.
    assertThat(bounded.route(sensorReading("pi-1", "x", NOW)).rejected()).isFalse();
    assertThat(bounded.route(sensorReading("pi-1", "y", NOW)).rejected()).isFalse();
  }

  @Test
  void trackedDevicesAreCappedLeastRecentlySeenFirst() {
    DeviceSensors sensors = new DeviceSensors(1, 2, Duration.ofDays(7));
    assertThat(sensors.admit("d1", List.of("a"), NOW)).isNull();
    assertThat(sensors.admit("d2", List.of("a"), NOW)).isNull();
    assertThat(sensors.admit("d3", List.of("a"), NOW)).isNull();
    assertThat(sensors.trackedDevices()).isEqualTo(2);
    // d1 was forgotten, so its bound starts afresh; d3 is still bounded.
    assertThat(sensors.admit("d1", List.of("b"), NOW)).isNull();
    assertThat(sensors.admit("d3", List.of("b"), NOW)).isNotNull();
  }
}
